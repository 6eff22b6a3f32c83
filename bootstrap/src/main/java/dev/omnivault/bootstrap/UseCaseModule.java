package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.EnforceAutoLockUseCase;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase;
import dev.omnivault.application.port.in.GeneratePasswordUseCase;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.ManageTeamUseCase;
import dev.omnivault.application.port.in.MoveSecretUseCase;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.ResolveReferencesUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.ShutdownSignal;
import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.service.ChangePassphraseService;
import dev.omnivault.application.service.DeleteSecretService;
import dev.omnivault.application.service.EnforceAutoLockService;
import dev.omnivault.application.service.ExportSecretsService;
import dev.omnivault.application.service.ForgetLegacyBackupsService;
import dev.omnivault.application.service.GeneratePasswordService;
import dev.omnivault.application.service.GetSecretService;
import dev.omnivault.application.service.ImportSecretsService;
import dev.omnivault.application.service.InitVaultService;
import dev.omnivault.application.service.ListSecretsService;
import dev.omnivault.application.service.LockVaultService;
import dev.omnivault.application.service.ManageTeamService;
import dev.omnivault.application.service.MoveSecretService;
import dev.omnivault.application.service.PassphraseAttemptGate;
import dev.omnivault.application.service.PutSecretService;
import dev.omnivault.application.service.ResolveReferencesService;
import dev.omnivault.application.service.StopDaemonService;
import dev.omnivault.application.service.UnlockVaultService;
import dev.omnivault.application.service.VaultKeeper;
import dev.omnivault.application.service.VaultStatusService;
import dev.omnivault.domain.AutoLockPolicy;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** The use cases, each a plain service built from its public constructor; one keeper and one gate for all. */
@Module
interface UseCaseModule {

    @Provides
    @Singleton
    static VaultKeeper vaultKeeper(VaultStore store, AutoLockPolicy policy, InstantSource clock, AuditLog audit) {
        return new VaultKeeper(store, policy, clock, audit);
    }

    @Provides
    @Singleton
    static PassphraseAttemptGate passphraseAttemptGate(UnlockAttempts attempts, InstantSource clock) {
        return new PassphraseAttemptGate(attempts, clock);
    }

    @Provides
    static InitVaultUseCase initVault(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        return new InitVaultService(keeper, store, audit);
    }

    @Provides
    static UnlockVaultUseCase unlockVault(
            VaultKeeper keeper, VaultStore store, PassphraseAttemptGate gate, AuditLog audit) {
        return new UnlockVaultService(keeper, store, gate, audit);
    }

    @Provides
    static LockVaultUseCase lockVault(VaultKeeper keeper, AuditLog audit) {
        return new LockVaultService(keeper, audit);
    }

    @Provides
    static VaultStatusUseCase vaultStatus(VaultKeeper keeper, VaultStore store) {
        return new VaultStatusService(keeper, store);
    }

    @Provides
    static ForgetLegacyBackupsUseCase forgetLegacyBackups(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        return new ForgetLegacyBackupsService(keeper, store, audit);
    }

    @Provides
    static GetSecretUseCase getSecret(VaultKeeper keeper, AuditLog audit) {
        return new GetSecretService(keeper, audit);
    }

    @Provides
    static PutSecretUseCase putSecret(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        return new PutSecretService(keeper, audit, clock);
    }

    @Provides
    static DeleteSecretUseCase deleteSecret(VaultKeeper keeper, AuditLog audit) {
        return new DeleteSecretService(keeper, audit);
    }

    @Provides
    static ListSecretsUseCase listSecrets(VaultKeeper keeper) {
        return new ListSecretsService(keeper);
    }

    @Provides
    static ChangePassphraseUseCase changePassphrase(
            VaultKeeper keeper, VaultStore store, PassphraseAttemptGate gate, AuditLog audit) {
        return new ChangePassphraseService(keeper, store, gate, audit);
    }

    @Provides
    static StopDaemonUseCase stopDaemon(VaultKeeper keeper, ShutdownSignal shutdown, AuditLog audit) {
        return new StopDaemonService(keeper, shutdown, audit);
    }

    @Provides
    static ImportSecretsUseCase importSecrets(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        return new ImportSecretsService(keeper, audit, clock);
    }

    @Provides
    static ExportSecretsUseCase exportSecrets(VaultKeeper keeper, AuditLog audit) {
        return new ExportSecretsService(keeper, audit);
    }

    @Provides
    static ResolveReferencesUseCase resolveReferences(VaultKeeper keeper, AuditLog audit) {
        return new ResolveReferencesService(keeper, audit);
    }

    @Provides
    static GeneratePasswordUseCase generatePassword(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        return new GeneratePasswordService(keeper, audit, clock, new java.security.SecureRandom());
    }

    @Provides
    static MoveSecretUseCase moveSecret(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        return new MoveSecretService(keeper, audit, clock);
    }

    @Provides
    static ManageTeamUseCase manageTeam(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        return new ManageTeamService(keeper, store, audit);
    }

    @Provides
    static EnforceAutoLockUseCase enforceAutoLock(VaultKeeper keeper) {
        return new EnforceAutoLockService(keeper);
    }

    @Provides
    static DaemonApi daemonApi(
            VaultStatusUseCase status,
            InitVaultUseCase init,
            UnlockVaultUseCase unlock,
            LockVaultUseCase lock,
            GetSecretUseCase get,
            PutSecretUseCase put,
            DeleteSecretUseCase delete,
            ListSecretsUseCase list,
            ChangePassphraseUseCase changePassphrase,
            StopDaemonUseCase stop,
            ImportSecretsUseCase importer,
            ExportSecretsUseCase exporter,
            ForgetLegacyBackupsUseCase forgetBackups,
            ManageTeamUseCase team,
            ResolveReferencesUseCase resolver,
            GeneratePasswordUseCase generator,
            MoveSecretUseCase mover) {
        return new DaemonApi(
                status,
                init,
                unlock,
                lock,
                get,
                put,
                delete,
                list,
                changePassphrase,
                stop,
                importer,
                exporter,
                forgetBackups,
                team,
                resolver,
                generator,
                mover);
    }
}
