package dev.omnivault.adapter.storage.postgresql;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.testing.VaultStoreContract;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The seal over the PostgreSQL store keeps every promise of the store contract against a real
 * server. Its medium fails for real: a trigger that raises on every change stands for a database
 * that refuses writes, and a byte flipped in a row by SQL stands for a tampered record.
 */
class PostgresVaultStoreTest extends VaultStoreContract {

    private final PostgresServer server = PostgresServer.shared();
    private final List<RecordStore> opened = new ArrayList<>();
    private String schema;

    @Override
    protected VaultStore newStore() {
        schema = server.newSchema();
        return sealedOver(schema);
    }

    @Override
    protected VaultStore sameVaultElsewhere() {
        return sealedOver(schema);
    }

    private VaultStore sealedOver(String name) {
        var records = PostgresRecordStore.open(server.location(name));
        opened.add(records);
        return new SealedVaultStore(records, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }

    @Override
    protected Optional<Faults> faults() {
        return Optional.of(new Faults() {
            @Override
            public void breakWrites() {
                server.execute("CREATE FUNCTION " + schema + ".refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$");
                for (String table : List.of("vault", "records")) {
                    server.execute("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE OR DELETE ON " + schema + "." + table
                            + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".refuse()");
                }
            }

            @Override
            public void healWrites() {
                server.execute("DROP FUNCTION " + schema + ".refuse() CASCADE");
            }

            @Override
            public void damage() {
                server.execute("UPDATE " + schema + ".records"
                        + " SET sealed = set_byte(sealed, 20, get_byte(sealed, 20) # 1)");
            }
        });
    }

    @AfterEach
    void closePools() {
        opened.forEach(RecordStore::close);
    }
}
