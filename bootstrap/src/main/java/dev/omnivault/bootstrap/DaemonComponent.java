package dev.omnivault.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.EnforceAutoLockUseCase;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.application.port.out.ShutdownSignal;
import dev.omnivault.application.port.out.VaultStore;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import org.slf4j.Logger;

/** The daemon's object graph: every use case, wired to one vault keeper and its adapters. */
@Singleton
@Component(modules = {UseCaseModule.class, StorageModule.class, TransportModule.class, AuditModule.class})
public interface DaemonComponent {

    InitVaultUseCase initVault();

    UnlockVaultUseCase unlockVault();

    LockVaultUseCase lockVault();

    VaultStatusUseCase vaultStatus();

    GetSecretUseCase getSecret();

    PutSecretUseCase putSecret();

    DeleteSecretUseCase deleteSecret();

    ListSecretsUseCase listSecrets();

    ChangePassphraseUseCase changePassphrase();

    StopDaemonUseCase stopDaemon();

    EnforceAutoLockUseCase enforceAutoLock();

    /** The use cases as the HTTP API drives them. */
    DaemonApi daemonApi();

    /** The transport the settings name, serving {@link #daemonApi()}. */
    DaemonServer server();

    /** The store the settings name (closed when the daemon stops). */
    VaultStore vaultStore();

    /** What the daemon is started with; the clock is the system clock except in tests. */
    @Component.Factory
    interface Factory {
        DaemonComponent create(
                @BindsInstance InstantSource clock,
                @BindsInstance DaemonSettings settings,
                @BindsInstance ShutdownSignal shutdownSignal,
                @BindsInstance @AuditLogger Logger auditLogger);
    }
}
