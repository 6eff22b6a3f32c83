package dev.omnivault.adapter.storage.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database restored from an older backup (or rolled back by its administrator) answers with an
 * older revision than the daemon has seen: refused as damage, naming the file to remove if it was
 * on purpose, before anything is written over it; a new vault (another id) is not held to it.
 */
class PostgresRollbackTest {

    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path state;

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Test
    void anOlderRevisionThanSeen_isRefused_beforeAnythingIsWritten() throws Exception {
        String schema = server.newSchema();
        try (VaultKeys keys = VaultKeys.derive(bytes(32), bytes(16));
                var store = PostgresRecordStore.open(server.location(schema), state)) {
            SealedRecord first = new SealedRecord(bytes(32), bytes(VaultKeys.SEAL_OVERHEAD + 10));
            long created = store.create(bytes(100), List.of(first), keys);
            long seen = store.apply(created, RecordStore.Batch.put(new SealedRecord(bytes(32), bytes(60))), keys);
            store.load(keys);
            store.flushFloor(); // as a daemon's store does when it stops, before the restart below
            // the administrator restores last night's dump: the revision and the rows go back
            server.execute("UPDATE " + schema + ".vault SET revision = " + created);
            server.execute("DELETE FROM " + schema + ".records WHERE revision > " + created);

            try (var restarted = PostgresRecordStore.open(server.location(schema), state)) {
                var refused = assertThrows(VaultStoreException.class, () -> restarted.load(keys));
                assertEquals(VaultStoreException.Kind.CORRUPTED, refused.kind());
                assertTrue(refused.getMessage().contains("older than revision " + seen), refused.getMessage());
                assertTrue(refused.getMessage().contains("remove " + state), refused.getMessage());
                var onTop = assertThrows(
                        VaultStoreException.class,
                        () -> restarted.applyOnTop(
                                seen,
                                (at, others) -> RecordStore.Batch.put(new SealedRecord(bytes(32), bytes(60))),
                                keys));
                assertEquals(VaultStoreException.Kind.CORRUPTED, onTop.kind());
                assertEquals(
                        1,
                        server.column("SELECT id FROM " + schema + ".records").size(),
                        "nothing was written");
            }
            try (var stream = Files.list(state)) {
                stream.forEach(file -> file.toFile().delete()); // "restored on purpose"
            }
            try (var accepted = PostgresRecordStore.open(server.location(schema), state)) {
                assertEquals(created, accepted.load(keys).revision());
            }
        }
        try (VaultKeys another = VaultKeys.derive(bytes(32), bytes(16));
                var fresh = PostgresRecordStore.open(server.location(server.newSchema()), state)) {
            assertEquals(1, fresh.create(bytes(100), List.of(), another));
            assertEquals(1, fresh.load(another).revision(), "another vault starts at its own first revision");
        }
    }

    /**
     * A write refused where it lands (a conflict) or failing in the database raises nothing: the
     * floor follows what was committed, so the vault is not then taken for rolled back. (Two
     * daemons racing conditional writes found it: each refusal left the floor one past the truth.)
     */
    @Test
    void aWriteThatDidNotCommit_leavesTheFloorWhereTheDatabaseIs() {
        String schema = server.newSchema();
        try (VaultKeys keys = VaultKeys.derive(bytes(32), bytes(16));
                var store = PostgresRecordStore.open(server.location(schema), state);
                var other = PostgresRecordStore.open(server.location(schema))) {
            long created = store.create(bytes(100), List.of(), keys);
            long theirs = other.apply(created, RecordStore.Batch.put(new SealedRecord(bytes(32), bytes(60))), keys);
            var refused = new IllegalStateException("a conflict");
            assertEquals(
                    refused,
                    assertThrows(
                            IllegalStateException.class,
                            () -> store.applyOnTop(
                                    created,
                                    (at, others) -> {
                                        throw refused;
                                    },
                                    keys)));
            server.execute("ALTER TABLE " + schema + ".records ADD CONSTRAINT small CHECK (length(sealed) < 100)");
            assertThrows(
                    VaultStoreException.class,
                    () -> store.apply(theirs, RecordStore.Batch.put(new SealedRecord(bytes(32), bytes(200))), keys));
            assertEquals(theirs, store.load(keys).revision(), "not taken for a rollback");
            assertEquals(
                    theirs + 1,
                    store.apply(theirs, RecordStore.Batch.put(new SealedRecord(bytes(32), bytes(60))), keys));
        }
    }
}
