package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.storage.EncryptedFileVaultStore;
import dev.omnivault.application.port.out.VaultStore;
import java.time.InstantSource;
import org.slf4j.Logger;

/** The store adapter {@code --store files}: the encrypted files of the config directory. */
@Module
interface FileStoreModule {

    @Provides
    @IntoMap
    @StringKey("files")
    static VaultStore files(DaemonSettings settings, InstantSource clock, @AuditLogger Logger log) {
        return new EncryptedFileVaultStore(
                settings.configDirectory(), settings.argon2(), clock, warning -> log.warn("{}", warning));
    }
}
