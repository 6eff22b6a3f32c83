package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.assertReportsDamageIn;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.create;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault big enough that its listing index is built in the background, after the unlock has
 * returned: reads answer at once, a listing or a change waits for the index, a lock stops it, and
 * a record that only a key holder could have damaged is still reported, by the listing.
 */
class BigVaultTest {

    private static final int COUNT = 45_000;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** Written once for the class (a few seconds); each test works on a copy. */
    @BeforeAll
    static void aVaultOf45000Records() {
        try (VaultSession session = create(StoreFixture.store(shared))) {
            var secrets = new ArrayList<Secret>();
            for (int i = 0; i < COUNT; i++) {
                secrets.add(secret(name(i), "value " + i));
            }
            session.writeAll(secrets);
            secrets.forEach(Secret::close);
        }
    }

    @BeforeEach
    void copyOfTheBigVault() throws IOException {
        try (Stream<Path> files = Files.list(shared)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }

    private static String name(int i) {
        return String.format("bulk/s%05d", i);
    }

    @Test
    void itOpens_andKeepsEveryRecord_listedInPathOrder() {
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(COUNT, reopened.count());
            for (int i : new int[] {0, 1, 22_499, 22_500, 22_501, 44_999}) {
                assertEquals("value " + i, valueAt(reopened, name(i)));
            }
            var listed = reopened.list("bulk/");
            assertEquals(COUNT, listed.size());
            for (int i = 0; i < listed.size(); i++) {
                assertEquals(name(i), listed.get(i).path().value(), "sorted by path");
            }
        }
    }

    @Test
    void changesRightAfterTheUnlock_areListed_andDurable() {
        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            session.write(secret("bulk/new", "fresh"));
            assertTrue(session.delete(SecretPath.of(name(7))));
            assertListedExactly(session);
        }
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertListedExactly(reopened);
            assertEquals("fresh", valueAt(reopened, "bulk/new"));
            assertTrue(reopened.read(SecretPath.of(name(7))).isEmpty());
        }
    }

    private static void assertListedExactly(VaultSession session) {
        List<String> paths = session.list("bulk/").stream()
                .map(SecretSummary::path)
                .map(SecretPath::value)
                .toList();
        assertEquals(COUNT, paths.size(), "one added, one deleted");
        assertTrue(paths.contains("bulk/new"));
        assertFalse(paths.contains(name(7)));
        assertEquals(COUNT, session.count());
    }

    @Test
    void aLockWhileTheIndexIsBuilt_stopsIt_andLeavesTheFilesAsTheyWere() {
        byte[] before = bytes(dir.resolve("vault.enc"));
        VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow();
        assertEquals(COUNT, session.count(), "the unlock returned with every record");
        assertFalse(indexThreads().isEmpty(), "the lock should land while the index is being built");
        session.close();
        assertEquals(List.of(), indexThreads(), "index threads still running after the lock");
        assertThrows(IllegalStateException.class, () -> session.list(""));
        assertArrayEquals(before, bytes(dir.resolve("vault.enc")));
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(COUNT, reopened.list("").size());
        }
    }

    private static List<String> indexThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("omnivault-index"))
                .toList();
    }

    /**
     * Someone holding the key swaps two ciphertexts and re-authenticates the file. The unlock does
     * not decrypt every record of a big vault, so it succeeds; the listing (and a read of either
     * record) reports the damage, and nothing is written.
     */
    @Test
    void swappedCiphertexts_withTheFileReauthenticated_areReportedByTheListing() throws Exception {
        Path enc = dir.resolve("vault.enc");
        byte[] vaultId = RecordFile.claimedVaultId(bytes(enc));
        byte[] forged;
        try (VaultKeys keys = StoreFixture.keysOf(dir)) {
            var contents = RecordFile.decode(bytes(enc), vaultId, keys);
            var records = new ArrayList<>(contents.records());
            var first = records.get(100);
            var second = records.get(200);
            records.set(100, new RecordFile.Sealed(first.id(), second.sealed()));
            records.set(200, new RecordFile.Sealed(second.id(), first.sealed()));
            forged = StoreFixture.forgeVaultEnc(dir, keys, contents.generation(), records);
        }
        byte[] journalBefore = bytes(dir.resolve(Journal.FILE));

        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertReportsDamageIn("vault.enc", () -> session.list(""));
            assertReportsDamageIn("vault.enc", () -> session.write(secret("bulk/new", "not written")));
            assertEquals("value 5", valueAt(session, name(5)), "an intact record still reads");
        }
        assertArrayEquals(forged, bytes(enc), "vault.enc was rewritten");
        assertArrayEquals(journalBefore, bytes(dir.resolve(Journal.FILE)), "a change was journalled");
    }

    /** The same forgery in a journal's change is reported in the journal. */
    @Test
    void aForgedRecordInTheJournal_isReportedInTheJournal() throws Exception {
        Path enc = dir.resolve("vault.enc");
        byte[] encBytes = bytes(enc);
        byte[] vaultId = RecordFile.claimedVaultId(encBytes);
        byte[] baseMac = Arrays.copyOfRange(encBytes, encBytes.length - RecordFile.MAC_BYTES, encBytes.length);
        try (VaultKeys keys = StoreFixture.keysOf(dir)) {
            var contents = RecordFile.decode(encBytes, vaultId, keys);
            var records = contents.records();
            byte[] header = Journal.header(vaultId, new Journal.Base(contents.generation(), baseMac), keys);
            // another record's ciphertext put under the id of bulk/s00004: authentic to the chain, not to the id
            byte[] id = keys.recordId(SecretPath.of(name(4)));
            var other = records.stream()
                    .filter(record -> !Arrays.equals(record.id(), id))
                    .findFirst()
                    .orElseThrow();
            var change = new Journal.Change(Journal.PUT, id, other.sealed());
            byte[] encoded = Journal.encode(change, Journal.firstChain(keys, header), keys);
            Files.write(dir.resolve(Journal.FILE), header);
            Files.write(dir.resolve(Journal.FILE), encoded, StandardOpenOption.APPEND);
        }

        try (VaultSession session = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertReportsDamageIn("vault.journal", () -> session.read(SecretPath.of(name(4))));
            assertReportsDamageIn("vault.journal", () -> session.list("bulk/"));
            assertEquals("value 5", valueAt(session, name(5)));
        }
    }
}
