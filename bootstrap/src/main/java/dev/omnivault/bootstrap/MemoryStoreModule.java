package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.InMemoryRecordStore;
import dev.omnivault.application.port.out.VaultStore;
import java.time.InstantSource;

/** The store adapter {@code --store memory}: sealed records in memory, gone when the daemon stops (demo, tests). */
@Module
interface MemoryStoreModule {

    @Provides
    @IntoMap
    @StringKey("memory")
    static VaultStore memory(DaemonSettings settings, InstantSource clock) {
        return new SealedVaultStore(new InMemoryRecordStore(), settings.argon2(), clock);
    }
}
