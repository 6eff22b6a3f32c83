package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.application.port.out.VaultSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vaults written before generations (vault.enc and vault.journal of version 2) still open, take
 * changes, and move to version 3 at their next whole write.
 */
class LegacyFormatTest {

    @TempDir
    Path dir;

    /** Rewrites the vault in {@code dir} as version 2 files: no generation, a journal header without a MAC. */
    private void downgradeToVersion2(List<Journal.Change> journalled) throws Exception {
        Path enc = dir.resolve("vault.enc");
        byte[] vaultId = RecordFile.claimedVaultId(bytes(enc));
        try (VaultKeys keys = StoreFixture.keysOf(dir)) {
            var records = RecordFile.decode(bytes(enc), vaultId, keys).records();
            var out = new ByteArrayOutputStream();
            out.writeBytes("OMNIVENC".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(new byte[] {0, 2});
            out.writeBytes(vaultId);
            out.writeBytes(ByteBuffer.allocate(4).putInt(records.size()).array());
            for (RecordFile.Sealed record : records) {
                out.writeBytes(record.id());
                out.writeBytes(
                        ByteBuffer.allocate(4).putInt(record.sealed().length).array());
                out.writeBytes(record.sealed());
            }
            out.writeBytes(keys.mac(out.toByteArray()));
            byte[] v2 = out.toByteArray();
            Files.write(enc, v2);

            var journal = new ByteArrayOutputStream();
            journal.writeBytes("OMNIVJNL".getBytes(StandardCharsets.US_ASCII));
            journal.writeBytes(new byte[] {0, 2});
            journal.writeBytes(vaultId);
            journal.writeBytes(Arrays.copyOfRange(v2, v2.length - RecordFile.MAC_BYTES, v2.length));
            byte[] chain = Journal.firstChain(keys, journal.toByteArray());
            for (Journal.Change change : journalled) {
                byte[] encoded = Journal.encode(change, chain, keys);
                journal.writeBytes(encoded);
                chain = Journal.chainOf(encoded);
            }
            Files.write(dir.resolve(Journal.FILE), journal.toByteArray());
        }
    }

    @Test
    void aVersion2Vault_withAVersion2Journal_opens_takesChanges_andIsWrittenAsVersion3Later() throws Exception {
        populate(StoreFixture.store(dir));
        byte[] newId;
        byte[] newRecord;
        try (VaultKeys keys = StoreFixture.keysOf(dir)) {
            SealedRecord sealed = keys.seal(secret("from/journal", "journalled in v2"), 1);
            newId = sealed.id();
            newRecord = sealed.sealed();
        }
        downgradeToVersion2(List.of(new Journal.Change(Journal.PUT, newId, newRecord)));

        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(4, session.count());
            assertEquals("journalled in v2", valueAt(session, "from/journal"));
            assertEquals("s3cr3t-pg-pass", valueAt(session, "database/password"));
            session.write(secret("after/upgrade", "appended"));
        }
        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals("appended", valueAt(session, "after/upgrade"));
            session.writeAll(List.of(secret("bulk/x", "x")));
        }
        assertEquals(3, ByteBuffer.wrap(bytes(dir.resolve("vault.enc")), 8, 2).getShort(), "now version 3");
        assertEquals(1, RecordFile.claimedGeneration(bytes(dir.resolve("vault.enc"))));
        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(6, session.count());
            assertEquals("journalled in v2", valueAt(session, "from/journal"));
        }
    }

    @Test
    void aVersion2Vault_withoutAJournal_opens() throws Exception {
        populate(StoreFixture.store(dir));
        downgradeToVersion2(List.of());
        Files.delete(dir.resolve(Journal.FILE));
        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(3, session.count());
            session.write(secret("first/change", "1"));
        }
        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals("1", valueAt(session, "first/change"));
        }
    }
}
