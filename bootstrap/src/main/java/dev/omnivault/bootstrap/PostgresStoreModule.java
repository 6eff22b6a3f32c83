package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.postgresql.PostgresLocation;
import dev.omnivault.adapter.storage.postgresql.PostgresRecordStore;
import dev.omnivault.application.port.out.VaultStore;
import java.time.InstantSource;

/**
 * The store adapter {@code --store postgresql://USER@HOST:PORT/DATABASE}: a team vault in
 * PostgreSQL, under the seal (the database holds ciphertext only). Its tables are created on
 * first use; a password comes from the address, {@code PGPASSWORD} or the driver's pgpass file.
 */
@Module
interface PostgresStoreModule {

    @Provides
    @IntoMap
    @StringKey("postgresql")
    static VaultStore postgresql(DaemonSettings settings, InstantSource clock) {
        PostgresLocation where;
        try {
            where = PostgresLocation.parse(settings.store(), System.getenv());
        } catch (IllegalArgumentException invalid) {
            throw new DaemonRunner.UsageException(String.valueOf(invalid.getMessage()));
        }
        // the highest revision seen is kept beside the socket: a rolled-back database is refused
        return new SealedVaultStore(
                PostgresRecordStore.open(where, settings.configDirectory()), settings.argon2(), clock);
    }
}
