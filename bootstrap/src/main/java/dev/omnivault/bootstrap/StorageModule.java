package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.EncryptedFileVaultStore;
import dev.omnivault.adapter.storage.InMemoryRecordStore;
import dev.omnivault.adapter.storage.InMemoryUnlockAttempts;
import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.AutoLockPolicy;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import org.slf4j.Logger;

/** Where the vault lives: the encrypted files of the config directory, or sealed records in memory for the demo. */
@Module
interface StorageModule {

    @Provides
    @Singleton
    static VaultStore vaultStore(DaemonSettings settings, InstantSource clock, @AuditLogger Logger log) {
        return switch (settings.storage()) {
            case FILES ->
                new EncryptedFileVaultStore(
                        settings.configDirectory(), settings.argon2(), clock, warning -> log.warn("{}", warning));
            case MEMORY -> new SealedVaultStore(new InMemoryRecordStore(), settings.argon2(), clock);
        };
    }

    @Provides
    @Singleton
    static UnlockAttempts unlockAttempts() {
        return new InMemoryUnlockAttempts();
    }

    @Provides
    static AutoLockPolicy autoLockPolicy(DaemonSettings settings) {
        return settings.autoLock();
    }
}
