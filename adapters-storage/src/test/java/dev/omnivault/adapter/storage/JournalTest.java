package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.assertCorrupted;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.SecretPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Puts and deletes go to vault.journal: durable, tamper-evident, crash-tolerant, compacted. */
class JournalTest {

    @TempDir
    Path dir;

    private Path enc;
    private Path journal;

    @BeforeEach
    void aVaultOfThreeSecrets() {
        populate(StoreFixture.store(dir));
        enc = dir.resolve("vault.enc");
        journal = dir.resolve("vault.journal");
    }

    private VaultSession unlock() {
        return open(StoreFixture.store(dir), PASSWORD).orElseThrow();
    }

    @Test
    void putsAndDeletes_areAppended_andSurviveAnUnlock_withoutRewritingVaultEnc() {
        byte[] encBefore = bytes(enc);
        try (VaultSession session = unlock()) {
            session.write(secret("config/timeout", "60"));
            session.write(secret("new/one", "1"));
            assertTrue(session.delete(SecretPath.of("api/key")));
        }
        assertArrayEquals(encBefore, bytes(enc), "vault.enc is not rewritten by a put or a delete");
        assertTrue(Files.exists(journal));
        try (VaultSession reopened = unlock()) {
            assertEquals(3, reopened.count());
            assertEquals("60", valueAt(reopened, "config/timeout"));
            assertEquals("1", valueAt(reopened, "new/one"));
            assertFalse(reopened.read(SecretPath.of("api/key")).isPresent());
        }
    }

    @Test
    void aChangeCutShortByACrash_isLeftOut_atEveryCut_andTheNextWriteStillLands() throws IOException {
        try (VaultSession session = unlock()) {
            session.write(secret("first/change", "kept"));
        }
        long kept = Files.size(journal);
        try (VaultSession session = unlock()) {
            session.write(secret("second/change", "cut"));
        }
        byte[] whole = bytes(journal);
        for (int cut = (int) kept; cut < whole.length; cut++) {
            Files.write(journal, Arrays.copyOf(whole, cut));
            try (VaultSession reopened = unlock()) {
                assertEquals("kept", valueAt(reopened, "first/change"), "cut at " + cut);
                assertFalse(reopened.read(SecretPath.of("second/change")).isPresent(), "cut at " + cut);
            }
        }
        // after a cut, the next change is written where the valid part ends
        Files.write(journal, Arrays.copyOf(whole, whole.length - 7));
        try (VaultSession session = unlock()) {
            session.write(secret("third/change", "after"));
        }
        try (VaultSession reopened = unlock()) {
            assertEquals("kept", valueAt(reopened, "first/change"));
            assertEquals("after", valueAt(reopened, "third/change"));
            assertEquals(5, reopened.count());
        }
    }

    @Test
    void aChangedByte_inAnyCompleteChange_isDetected_andTheJournalIsNotRewritten() throws IOException {
        try (VaultSession session = unlock()) {
            session.write(secret("config/timeout", "60"));
            session.delete(SecretPath.of("api/key"));
        }
        byte[] original = bytes(journal);
        for (int at = 0; at < original.length; at += 3) {
            byte[] damaged = original.clone();
            damaged[at] ^= 0x40;
            Files.write(journal, damaged);
            assertCorrupted(StoreFixture.store(dir), "vault.journal");
            assertArrayEquals(damaged, bytes(journal), "a damaged journal is never rewritten");
        }
    }

    @Test
    void everyByteOfTheHeader_baseMacIncluded_isAuthenticated() throws IOException {
        try (VaultSession session = unlock()) {
            session.write(secret("config/timeout", "60"));
        }
        byte[] original = bytes(journal);
        for (int at = 0; at < Journal.HEADER_BYTES; at++) {
            byte[] damaged = original.clone();
            damaged[at] ^= 0x01;
            Files.write(journal, damaged);
            assertCorrupted(StoreFixture.store(dir), "vault.journal");
        }
    }

    @Test
    void aJournalShorterThanItsHeader_isDamage_atEveryLength() throws IOException {
        byte[] header = bytes(journal); // the header written with vault.enc, no change yet
        assertEquals(Journal.HEADER_BYTES, header.length);
        for (int cut = 0; cut < header.length; cut++) {
            Files.write(journal, Arrays.copyOf(header, cut));
            assertCorrupted(StoreFixture.store(dir), "vault.journal");
            assertEquals(cut, Files.size(journal), "a damaged journal is never rewritten");
        }
    }

    @Test
    void aMissingJournal_isDamage_onceVaultEncWasWrittenAgain() throws IOException {
        try (VaultSession session = unlock()) {
            session.writeAll(List.of(secret("bulk/a", "a"))); // vault.enc of generation 2
        }
        Files.delete(journal);
        assertCorrupted(StoreFixture.store(dir), "vault.journal (missing)");
    }

    @Test
    void anOlderVaultEnc_restoredUnderANewerJournal_isReportedAsARollback() throws IOException {
        byte[] olderEnc = bytes(enc);
        try (VaultSession session = unlock()) {
            session.writeAll(List.of(secret("bulk/a", "a")));
            session.write(secret("after/import", "acknowledged"));
        }
        byte[] journalBefore = bytes(journal);
        Files.write(enc, olderEnc); // a backup of vault.enc alone put back
        var failure = org.junit.jupiter.api.Assertions.assertThrows(
                dev.omnivault.application.port.out.VaultStoreException.class,
                () -> open(StoreFixture.store(dir), PASSWORD));
        assertTrue(failure.getMessage().contains("vault.enc (older than vault.journal"), failure.getMessage());
        assertArrayEquals(olderEnc, bytes(enc), "nothing was rewritten");
        assertArrayEquals(journalBefore, bytes(journal), "nothing was rewritten");
    }

    @Test
    void anotherVaultEncOfTheSameGeneration_isReported_notTakenAsStale() throws IOException {
        Path twin = dir.resolve("twin");
        try (VaultSession session = unlock()) {
            session.write(secret("a/change", "x"));
        }
        // the same vault, forked: both copies write a whole vault.enc of generation 2
        copyVault(dir, twin);
        try (VaultSession session = open(StoreFixture.store(twin), PASSWORD).orElseThrow()) {
            session.writeAll(List.of(secret("twin/only", "t")));
        }
        try (VaultSession session = unlock()) {
            session.writeAll(List.of(secret("here/only", "h")));
        }
        Files.copy(twin.resolve("vault.enc"), enc, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertCorrupted(StoreFixture.store(dir), "vault.enc (not the file vault.journal continues");
    }

    private static void copyVault(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : List.of("vault.meta", "vault.enc", "vault.journal")) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }

    @Test
    void aJournalOfAnOlderVaultEnc_isLeftOut_becauseItsChangesAreInTheBase() throws IOException {
        try (VaultSession session = unlock()) {
            session.write(secret("config/timeout", "60"));
        }
        byte[] oldJournal = bytes(journal);
        try (VaultSession session = unlock()) {
            // a whole write (an import) makes a new base that holds the journal's change
            session.writeAll(List.of(secret("bulk/a", "a"), secret("bulk/b", "b")));
        }
        Files.write(journal, oldJournal); // as if a crash came before the old journal was removed
        try (VaultSession reopened = unlock()) {
            assertEquals(5, reopened.count());
            assertEquals("60", valueAt(reopened, "config/timeout"));
        }
    }

    @Test
    void aJournalGrownPastItsLimit_isFoldedIntoVaultEnc() throws IOException {
        String big = "x".repeat(60_000);
        try (VaultSession session = unlock()) {
            for (int i = 0; i < 40; i++) {
                session.write(secret("big/" + (i % 25), big + i));
            }
        }
        assertTrue(
                !Files.exists(journal) || Files.size(journal) < 1024 * 1024,
                "the journal was folded into vault.enc once it passed 1 MiB");
        try (VaultSession reopened = unlock()) {
            assertEquals(28, reopened.count());
            assertEquals(big + 39, valueAt(reopened, "big/14"));
            assertEquals(big + 24, valueAt(reopened, "big/24"));
        }
    }
}
