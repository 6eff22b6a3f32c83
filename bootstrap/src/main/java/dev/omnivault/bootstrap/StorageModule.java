package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.adapter.storage.InMemoryUnlockAttempts;
import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.AutoLockPolicy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Where the vault lives: the one store adapter the settings name, out of those bound by name
 * ({@link FileStoreModule}, {@link MemoryStoreModule}, {@link PostgresStoreModule}); only that one is ever made.
 */
@Module(includes = {FileStoreModule.class, MemoryStoreModule.class, PostgresStoreModule.class})
interface StorageModule {

    @Provides
    @Singleton
    static VaultStore vaultStore(DaemonSettings settings, Map<String, Provider<VaultStore>> stores) {
        return Adapters.chosen(stores, settings.storage().option(), "store");
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
