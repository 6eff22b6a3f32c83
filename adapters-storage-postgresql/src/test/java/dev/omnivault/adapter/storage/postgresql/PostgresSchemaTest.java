package dev.omnivault.adapter.storage.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultStoreException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vault's tables are versioned: a schema of the first version (before deletions were
 * recorded) is migrated on open and its vault reads back whole; one written by a newer
 * OmniVault is refused, not guessed at; and an address's password never shows in an error.
 */
class PostgresSchemaTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void aFirstVersionSchema_isMigratedOnOpen_andItsVaultReadsBack() {
        String schema = server.newSchema();
        server.execute("CREATE SCHEMA " + schema);
        server.execute("CREATE TABLE " + schema + ".schema_version (version integer NOT NULL)");
        server.execute("CREATE TABLE " + schema + ".vault (id smallint PRIMARY KEY CHECK (id = 1),"
                + " header bytea NOT NULL, revision bigint NOT NULL CHECK (revision > 0))");
        server.execute("CREATE TABLE " + schema + ".records (id bytea PRIMARY KEY, sealed bytea NOT NULL,"
                + " revision bigint NOT NULL)");
        server.execute("INSERT INTO " + schema + ".schema_version VALUES (1)");
        server.execute("INSERT INTO " + schema + ".vault VALUES (1, '\\x0102', 3)");
        server.execute(
                "INSERT INTO " + schema + ".records VALUES (decode(repeat('ab', 32), 'hex'), decode(repeat('cd', "
                        + VaultKeys.SEAL_OVERHEAD + "), 'hex'), 3)");
        try (var store = PostgresRecordStore.open(server.location(schema));
                var keys = VaultKeys.derive(new byte[32], new byte[16])) {
            var snapshot = store.load(keys);
            assertEquals(3, snapshot.revision());
            assertEquals(1, snapshot.records().size());
            assertEquals(
                    ByteBuffer.wrap(new byte[] {1, 2}),
                    ByteBuffer.wrap(store.header().orElseThrow()));
            assertEquals(
                    List.of(Schema.VERSION),
                    server.column("SELECT max(version)::text::bytea FROM " + schema + ".schema_version").stream()
                            .map(bytes ->
                                    Integer.parseInt(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)))
                            .toList());
            long next = store.apply(
                    3,
                    dev.omnivault.adapter.seal.RecordStore.Batch.delete(
                            snapshot.records().getFirst().id()),
                    keys);
            assertEquals(1, store.changesSince(3, keys).orElseThrow().deletes().size(), "deletions are recorded now");
            assertEquals(4, next);
        }
    }

    @Test
    void aSchemaOfANewerOmniVault_isRefused() {
        String schema = server.newSchema();
        server.execute("CREATE SCHEMA " + schema);
        server.execute("CREATE TABLE " + schema + ".schema_version (version integer NOT NULL)");
        server.execute("INSERT INTO " + schema + ".schema_version VALUES (99)");
        var refused = assertThrows(VaultStoreException.class, () -> PostgresRecordStore.open(server.location(schema)));
        assertEquals(VaultStoreException.Kind.IO_FAILURE, refused.kind());
        assertTrue(refused.getMessage().contains("newer than this OmniVault knows"), refused.getMessage());
    }

    @Test
    void anUnreachableServer_isAClearError_thatNeverShowsThePassword() {
        var where =
                PostgresLocation.parse("postgresql://omnivault:hunter2-secret@127.0.0.1:1/vault", java.util.Map.of());
        assertEquals("postgresql://omnivault@127.0.0.1:1/vault", where.toString());
        var refused = assertThrows(VaultStoreException.class, () -> PostgresRecordStore.open(where));
        assertTrue(refused.getMessage().contains("postgresql://omnivault@127.0.0.1:1/vault"), refused.getMessage());
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    /**
     * {@code sslmode} reaches the driver: {@code require} against this test server, which has no
     * TLS, is refused with the driver's reason and nothing done; {@code disable} connects.
     */
    @Test
    void sslmode_reachesTheDriver_andARequiredTlsTheServerLacks_isAClearError() {
        String schema = server.newSchema();
        var required = PostgresLocation.parse(server.address(schema) + "&sslmode=require", java.util.Map.of());
        var refused = assertThrows(VaultStoreException.class, () -> PostgresRecordStore.open(required));
        assertEquals(VaultStoreException.Kind.IO_FAILURE, refused.kind());
        assertTrue(refused.getMessage().contains("SSL"), refused.getMessage());
        assertTrue(
                refused.getMessage().startsWith("could not set up its tables in the PostgreSQL vault at postgresql://"),
                refused.getMessage());
        var disabled = PostgresLocation.parse(server.address(schema) + "&sslmode=disable", java.util.Map.of());
        try (var store = PostgresRecordStore.open(disabled)) {
            assertTrue(store.header().isEmpty(), "connected, and no vault there yet");
        }
    }
}
