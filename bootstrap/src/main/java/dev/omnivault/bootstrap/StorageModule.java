package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.adapter.storage.InMemoryUnlockAttempts;
import dev.omnivault.adapter.storage.InMemoryVaultStore;
import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.application.port.out.VaultStore;
import jakarta.inject.Singleton;

/**
 * Where the vault lives. Until the encrypted-file store lands (issue 3) this is the in-memory
 * store: nothing is written to disk.
 */
@Module
interface StorageModule {

    @Provides
    @Singleton
    static VaultStore vaultStore() {
        return new InMemoryVaultStore();
    }

    @Provides
    @Singleton
    static UnlockAttempts unlockAttempts() {
        return new InMemoryUnlockAttempts();
    }
}
