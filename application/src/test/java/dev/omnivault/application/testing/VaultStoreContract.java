package dev.omnivault.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.RevisionConflictException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VaultStore} must do, run against each implementation by a subclass that says
 * how to make a fresh, empty store.
 */
public abstract class VaultStoreContract {

    protected static final String PASSWORD = "correct horse battery";
    protected static final Instant T0 = Instant.parse("2025-06-01T09:31:00Z");

    private VaultStore store;

    /** A store with no vault in it yet. */
    protected abstract VaultStore newStore();

    /**
     * How a test makes the store made last by {@link #newStore()} fail as its medium would; empty
     * for a store with no medium that can fail (in memory), whose failure cases are then skipped.
     */
    protected abstract Optional<Faults> faults();

    /** Failures a store's medium can have, switched on by the contract's tests. */
    protected interface Faults {
        /** From now on every write fails as the medium does (a full disk, a lost connection). */
        void breakWrites();

        /** Writes succeed again. */
        void healWrites();

        /** Alters the stored vault (a flipped byte, an edited row) so that the next open finds it. */
        void damage();
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    protected VaultStore store() {
        return store;
    }

    protected static Passphrase passphrase(String text) {
        return Passphrase.adopt(text.toCharArray());
    }

    protected VaultSession createVault() {
        try (Passphrase passphrase = passphrase(PASSWORD)) {
            return store.create(passphrase);
        }
    }

    protected Optional<VaultSession> open(String text) {
        try (Passphrase passphrase = passphrase(text)) {
            return store.open(passphrase);
        }
    }

    protected static Secret secret(String path, String value, Instant at) {
        return Secret.create(
                SecretPath.of(path),
                SecretValue.ofText(value),
                Map.of("username", SecretValue.ofText("app"), "host", SecretValue.ofText("db.internal")),
                Map.of("env", "production", "v2", ""),
                at);
    }

    @Test
    void emptyStore_hasNoVault_andRefusesToOpenOrRekey() {
        assertFalse(store.exists());
        assertThrows(VaultNotInitialisedException.class, () -> open(PASSWORD));
        try (Passphrase current = passphrase(PASSWORD);
                Passphrase replacement = passphrase("another passphrase")) {
            assertThrows(VaultNotInitialisedException.class, () -> store.changePassphrase(current, replacement));
        }
    }

    @Test
    void create_makesAnEmptyVault_thatExists() {
        try (VaultSession session = createVault()) {
            assertTrue(store.exists());
            assertEquals(0, session.count());
            assertEquals(List.of(), session.list(""));
        }
    }

    @Test
    void create_twice_isRefused() {
        createVault().close();
        assertThrows(VaultAlreadyExistsException.class, this::createVault);
    }

    @Test
    void open_withTheRightPassphrase_opens_andWithAWrongOne_doesNot() {
        createVault().close();
        assertTrue(open(PASSWORD).isPresent());
        assertEquals(Optional.empty(), open("wrong password"));
        assertEquals(Optional.empty(), open(PASSWORD + " "));
    }

    @Test
    void write_thenRead_returnsEverything() {
        try (VaultSession session = createVault()) {
            Secret written = Secret.restore(
                    SecretPath.of("unicode/greeting"),
                    SecretValue.ofText("Grüße, 世界 — ✓\nsecond line"),
                    Map.of("pin", SecretValue.ofText("0042")),
                    Map.of("team", "core"),
                    T0,
                    T0.plus(1, ChronoUnit.DAYS));
            session.write(written);

            Secret read = session.read(SecretPath.of("unicode/greeting")).orElseThrow();
            assertTrue(written.value().sameAs(read.value()));
            assertEquals("0042", read.fields().get("pin").revealText());
            assertEquals(Map.of("team", "core"), read.tags());
            assertEquals(T0, read.createdAt());
            assertEquals(T0.plus(1, ChronoUnit.DAYS), read.updatedAt());
        }
    }

    @Test
    void read_ofAMissingPath_isEmpty() {
        try (VaultSession session = createVault()) {
            assertEquals(Optional.empty(), session.read(SecretPath.of("nothing/here")));
        }
    }

    @Test
    void read_handsOutACopy_thatTheCallerMayZero() {
        try (VaultSession session = createVault()) {
            session.write(secret("api/key", "ak_live", T0));
            session.read(SecretPath.of("api/key")).orElseThrow().close();
            assertEquals(
                    "ak_live",
                    session.read(SecretPath.of("api/key")).orElseThrow().value().revealText());
        }
    }

    @Test
    void write_keepsItsOwnCopy_ofTheCallersSecret() {
        try (VaultSession session = createVault()) {
            Secret mine = secret("api/key", "ak_live", T0);
            session.write(mine);
            mine.close();
            assertEquals(
                    "ak_live",
                    session.read(SecretPath.of("api/key")).orElseThrow().value().revealText());
        }
    }

    @Test
    void write_replacesTheSecretAtTheSamePath() {
        try (VaultSession session = createVault()) {
            session.write(secret("api/key", "first", T0));
            session.write(secret("api/key", "second", T0.plusSeconds(5)));
            assertEquals(1, session.count());
            assertEquals(
                    "second",
                    session.read(SecretPath.of("api/key")).orElseThrow().value().revealText());
        }
    }

    @Test
    void delete_removesOnlyThatSecret_andSaysWhetherThereWasOne() {
        try (VaultSession session = createVault()) {
            session.write(secret("a/one", "1", T0));
            session.write(secret("a/two", "2", T0));
            assertTrue(session.delete(SecretPath.of("a/one")));
            assertFalse(session.delete(SecretPath.of("a/one")));
            assertEquals(Optional.empty(), session.read(SecretPath.of("a/one")));
            assertEquals(1, session.count());
        }
    }

    @Test
    void list_isSortedByPath_filteredByPlainPrefix_andShowsNoValues() {
        try (VaultSession session = createVault()) {
            session.write(secret("database/password", "p", T0));
            session.write(secret("api/key", "k", T0));
            session.write(Secret.create(SecretPath.of("database/bare"), SecretValue.empty(), Map.of(), Map.of(), T0));
            session.write(secret("data-lake/token", "t", T0));

            assertEquals(
                    List.of("api/key", "data-lake/token", "database/bare", "database/password"),
                    session.list("").stream().map(s -> s.path().value()).toList());
            assertEquals(
                    List.of("data-lake/token", "database/bare", "database/password"),
                    session.list("data").stream().map(s -> s.path().value()).toList());
            assertEquals(
                    List.of(
                            new SecretSummary(SecretPath.of("database/bare"), false, false, List.of(), T0),
                            new SecretSummary(
                                    SecretPath.of("database/password"), true, true, List.of("env", "v2"), T0)),
                    session.list("database/"));
            assertEquals(List.of(), session.list("zzz"));
        }
    }

    @Test
    void secrets_outliveTheSession_thatWroteThem() {
        try (VaultSession session = createVault()) {
            session.write(secret("config/timeout", "30", T0));
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals(
                    "30",
                    reopened.read(SecretPath.of("config/timeout"))
                            .orElseThrow()
                            .value()
                            .revealText());
            assertEquals(1, reopened.count());
        }
    }

    @Test
    void writeAll_storesEveryOne_replacingThoseAtTheirPaths_andTheyOutliveTheSession() {
        try (VaultSession session = createVault()) {
            session.write(secret("app/a", "old", T0));
            session.write(secret("other/x", "kept", T0));
            session.writeAll(List.of(secret("app/a", "new", T0), secret("app/b", "b", T0), secret("app/c", "c", T0)));
            assertEquals(4, session.count());
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals(4, reopened.count());
            for (var expected : List.of(List.of("app/a", "new"), List.of("app/b", "b"), List.of("other/x", "kept"))) {
                assertEquals(
                        expected.get(1),
                        reopened.read(SecretPath.of(expected.get(0)))
                                .orElseThrow()
                                .value()
                                .revealText());
            }
        }
    }

    @Test
    void changePassphrase_swapsWhichPassphraseOpens_andKeepsTheSecrets() {
        try (VaultSession session = createVault()) {
            session.write(secret("api/key", "ak_live", T0));
        }
        try (Passphrase current = passphrase(PASSWORD);
                Passphrase replacement = passphrase("a brand new passphrase")) {
            assertTrue(store.changePassphrase(current, replacement));
        }
        assertEquals(Optional.empty(), open(PASSWORD));
        try (VaultSession session = open("a brand new passphrase").orElseThrow()) {
            assertEquals(
                    "ak_live",
                    session.read(SecretPath.of("api/key")).orElseThrow().value().revealText());
        }
    }

    @Test
    void changePassphrase_withAWrongCurrentOne_changesNothing() {
        createVault().close();
        try (Passphrase wrong = passphrase("not the passphrase");
                Passphrase replacement = passphrase("a brand new passphrase")) {
            assertFalse(store.changePassphrase(wrong, replacement));
        }
        assertTrue(open(PASSWORD).isPresent());
        assertEquals(Optional.empty(), open("a brand new passphrase"));
    }

    /**
     * Another store over the same vault (another daemon, another machine); the same store when
     * the adapter has only one per vault.
     */
    protected VaultStore sameVaultElsewhere() {
        return store();
    }

    /**
     * Two sessions over one vault, as two daemons over one shared vault: a write after the other's
     * change lands on top of it (the last writer wins, in the store's order) and loses nothing of
     * it; the writer then sees the other's change too, and so does a delete.
     */
    @Test
    void aWriteAfterAnotherWritersChange_landsOnTopOfIt_andNothingIsLost() {
        try (VaultSession created = createVault()) {
            created.write(secret("team/base", "there before", T0));
        }
        try (VaultSession first = open(PASSWORD).orElseThrow();
                var again = passphrase(PASSWORD);
                VaultSession second = sameVaultElsewhere().open(again).orElseThrow()) {
            first.write(secret("team/a", "from the first", T0));
            second.write(secret("team/b", "from the second", T0));
            assertEquals("from the first", valueAt(second, "team/a"), "the second caught up on the first's write");
            second.writeAll(List.of(secret("team/c", "c", T0), secret("team/a", "the second's a", T0)));
            assertTrue(second.delete(SecretPath.of("team/base")));
            first.write(secret("team/d", "d", T0));
            assertEquals("the second's a", valueAt(first, "team/a"), "the last writer won");
            assertFalse(first.delete(SecretPath.of("team/base")), "the second deleted it already");
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals(List.of("team/a", "team/b", "team/c", "team/d"), paths(reopened.list("")));
            assertEquals("the second's a", valueAt(reopened, "team/a"));
        }
    }

    private static long revisionAt(VaultSession session, String path) {
        try (Secret secret = session.read(SecretPath.of(path)).orElseThrow()) {
            return secret.revision();
        }
    }

    /** Each write says the revision it is stored at, which a read gives back, then and after a reopen. */
    @Test
    void aWrite_saysItsRevision_whichReadsGiveBack_andALaterWriteHasAHigherOne() {
        long first;
        long second;
        try (VaultSession session = createVault()) {
            first = session.write(secret("api/key", "v1", T0));
            assertTrue(first >= 1, "a stored secret's revision is at least 1: " + first);
            assertEquals(first, revisionAt(session, "api/key"));
            second = session.write(secret("api/key", "v2", T0));
            assertTrue(second > first, second + " after " + first);
            session.write(secret("api/other", "o", T0));
            assertEquals(second, revisionAt(session, "api/key"), "another secret's write leaves it");
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals(second, revisionAt(reopened, "api/key"));
        }
    }

    /** A conditional write lands only over the revision it names (0: over no secret), and is refused otherwise. */
    @Test
    void aConditionalWrite_landsOnlyOverTheRevisionItNames() {
        try (VaultSession session = createVault()) {
            long created = session.writeIf(secret("api/key", "v1", T0), Secret.UNSTORED);
            var again = assertThrows(
                    RevisionConflictException.class,
                    () -> session.writeIf(secret("api/key", "not over v1", T0), Secret.UNSTORED));
            assertEquals(
                    "the secret was created by someone else meanwhile (it did not exist when asked)",
                    again.getMessage());
            long replaced = session.writeIf(secret("api/key", "v2", T0), created);
            assertTrue(replaced > created);
            var stale = assertThrows(
                    RevisionConflictException.class,
                    () -> session.writeIf(secret("api/key", "not over v2", T0), created));
            assertEquals("the secret was changed by someone else since revision " + created, stale.getMessage());
            assertEquals("v2", valueAt(session, "api/key"), "a refused write writes nothing");
            assertTrue(session.delete(SecretPath.of("api/key")));
            assertThrows(
                    RevisionConflictException.class,
                    () -> session.writeIf(secret("api/key", "over a deleted one", T0), replaced));
            assertEquals(
                    Optional.empty(), session.read(SecretPath.of("api/key")).map(Secret::path));
        }
    }

    /**
     * Two sessions over one vault: a write conditional on what one read is refused once the other
     * changed that secret, though the first has not heard of it yet; over what the other wrote it
     * lands, and a conditional write of another secret is not held up by the other's change.
     */
    @Test
    void aConditionalWrite_isRefusedAfterAnotherWritersChange_ofThatSecret_only() {
        try (VaultSession created = createVault()) {
            created.write(secret("team/a", "a0", T0));
            created.write(secret("team/b", "b0", T0));
        }
        try (VaultSession first = open(PASSWORD).orElseThrow();
                var again = passphrase(PASSWORD);
                VaultSession second = sameVaultElsewhere().open(again).orElseThrow()) {
            long seenA = revisionAt(first, "team/a");
            long seenB = revisionAt(first, "team/b");
            long theirs = second.write(secret("team/a", "the second's a", T0));
            assertThrows(
                    RevisionConflictException.class, () -> first.writeIf(secret("team/a", "lost update", T0), seenA));
            assertEquals("the second's a", valueAt(second, "team/a"));
            long mineOverB = first.writeIf(secret("team/b", "the first's b", T0), seenB);
            assertTrue(mineOverB > theirs, "it landed after the second's write: " + mineOverB + " > " + theirs);
            assertEquals(theirs, revisionAt(first, "team/a"), "the first caught up on the second's write");
            first.writeIf(secret("team/a", "over theirs", T0), theirs);
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals("over theirs", valueAt(reopened, "team/a"));
            assertEquals("the first's b", valueAt(reopened, "team/b"));
        }
    }

    /** A move is one write: the secret is at its new path, gone from the old one, and stays so after a reopen. */
    @Test
    void aMove_putsTheSecretAtItsNewPath_andRemovesTheOld_inOneWrite() {
        try (VaultSession session = createVault()) {
            long written = session.write(secret("old/name", "moving", T0));
            Secret source = session.read(SecretPath.of("old/name")).orElseThrow();
            long moved;
            try (Secret renamed = source.movedTo(SecretPath.of("new/name"))) {
                moved = session.move(
                        renamed, SecretPath.of("old/name"), written, java.util.OptionalLong.of(Secret.UNSTORED));
            } finally {
                source.close();
            }
            assertTrue(moved > written);
            assertEquals(
                    Optional.empty(), session.read(SecretPath.of("old/name")).map(Secret::path));
            assertEquals("moving", valueAt(session, "new/name"));
            assertEquals(
                    List.of("new/name"),
                    session.list("").stream().map(s -> s.path().value()).toList());
            assertEquals(1, session.count());
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals("moving", valueAt(reopened, "new/name"));
            assertEquals(
                    Optional.empty(), reopened.read(SecretPath.of("old/name")).map(Secret::path));
            assertEquals(
                    T0, reopened.read(SecretPath.of("new/name")).orElseThrow().createdAt());
        }
    }

    /**
     * A move conditional on what one session read is refused, and writes nothing, when the source
     * changed meanwhile (in another session that has not told this one) or the destination was
     * taken: neither the other's value nor the destination is lost.
     */
    @Test
    void aMove_isRefused_whenAnotherWriterChangedTheSourceOrTookTheDestination() {
        try (VaultSession created = createVault()) {
            created.write(secret("team/from", "v1", T0));
        }
        try (VaultSession first = open(PASSWORD).orElseThrow();
                var again = passphrase(PASSWORD);
                VaultSession second = sameVaultElsewhere().open(again).orElseThrow()) {
            long seen = revisionAt(first, "team/from");
            second.write(secret("team/from", "the second's v2", T0));
            try (Secret stale = secret("team/to", "v1", T0)) {
                assertThrows(
                        RevisionConflictException.class,
                        () -> first.move(
                                stale, SecretPath.of("team/from"), seen, java.util.OptionalLong.of(Secret.UNSTORED)));
            }
            assertEquals("the second's v2", valueAt(second, "team/from"));
            try (VaultSession fresh = open(PASSWORD).orElseThrow()) {
                assertEquals(
                        Optional.empty(), fresh.read(SecretPath.of("team/to")).map(Secret::path), "nothing moved");
                assertEquals("the second's v2", valueAt(fresh, "team/from"));
            }

            first.write(secret("team/other", "a write that catches the first up", T0));
            long current = revisionAt(first, "team/from");
            second.write(secret("team/to", "taken by the second", T0));
            try (Secret moving = secret("team/to", "the second's v2", T0)) {
                assertThrows(
                        RevisionConflictException.class,
                        () -> first.move(
                                moving,
                                SecretPath.of("team/from"),
                                current,
                                java.util.OptionalLong.of(Secret.UNSTORED)));
            }
            assertEquals("taken by the second", valueAt(second, "team/to"));
            assertEquals("the second's v2", valueAt(second, "team/from"));
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals("taken by the second", valueAt(reopened, "team/to"));
            assertEquals("the second's v2", valueAt(reopened, "team/from"));
        }
    }

    @Test
    void aClosedSession_refusesEveryOperation() {
        VaultSession session = createVault();
        session.close();
        SecretPath path = SecretPath.of("api/key");
        assertThrows(IllegalStateException.class, () -> session.read(path));
        assertThrows(IllegalStateException.class, () -> session.write(secret("api/key", "x", T0)));
        assertThrows(IllegalStateException.class, () -> session.delete(path));
        assertThrows(IllegalStateException.class, () -> session.list(""));
        assertThrows(IllegalStateException.class, session::count);
    }

    @Test
    void aWriteThatFails_isAnIoFailure_andStoresNothing_ofOneSecretOrOfABatch() {
        Faults faults = requireFaults();
        try (VaultSession session = createVault()) {
            session.write(secret("app/a", "before", T0));
            faults.breakWrites();
            var one = assertThrows(VaultStoreException.class, () -> session.write(secret("app/b", "b", T0)));
            assertEquals(VaultStoreException.Kind.IO_FAILURE, one.kind());
            var batch = assertThrows(
                    VaultStoreException.class,
                    () -> session.writeAll(List.of(secret("app/a", "after", T0), secret("app/c", "c", T0))));
            assertEquals(VaultStoreException.Kind.IO_FAILURE, batch.kind());
            var delete = assertThrows(VaultStoreException.class, () -> session.delete(SecretPath.of("app/a")));
            assertEquals(VaultStoreException.Kind.IO_FAILURE, delete.kind());
            assertEquals("before", valueAt(session, "app/a"), "the session still shows what is stored");
            assertEquals(1, session.count());
            faults.healWrites();
        }
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals("before", valueAt(reopened, "app/a"));
            assertEquals(List.of("app/a"), paths(reopened.list("")), "none of a failed batch is stored");
            reopened.write(secret("app/d", "d", T0));
            assertEquals("d", valueAt(reopened, "app/d"), "writes work again once the medium does");
        }
    }

    @Test
    void aDamagedVault_isReportedAsCorrupted_neitherAsAWrongPassphraseNorAsAnIoFailure() {
        Faults faults = requireFaults();
        try (VaultSession session = createVault()) {
            session.write(secret("app/a", "a", T0));
        }
        faults.damage();
        try (Passphrase right = passphrase(PASSWORD)) {
            var damaged = assertThrows(
                    VaultStoreException.class, () -> store.open(right).ifPresent(VaultSession::close));
            assertEquals(VaultStoreException.Kind.CORRUPTED, damaged.kind(), damaged.getMessage());
            assertFalse(damaged.getMessage().contains(PASSWORD), damaged.getMessage());
        }
    }

    /**
     * Reads run beside each other and beside one writer (as the application runs them): each sees
     * a whole secret, old or new, never a failure or a value from one write with fields of another.
     */
    @Test
    void reads_inParallel_besideOneWriter_seeWholeSecrets() throws Exception {
        int writes = 40;
        try (VaultSession session = createVault()) {
            session.write(consistent(0));
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var readers = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
                for (int r = 0; r < 3; r++) {
                    results.add(readers.submit(() -> {
                        int seen = 0;
                        while (!stop.get() || seen == 0) {
                            try (Secret read =
                                    session.read(SecretPath.of("race/key")).orElseThrow()) {
                                String value = read.value().revealText();
                                assertEquals(
                                        value, read.fields().get("copy").revealText(), "one write's value and fields");
                            }
                            assertEquals(1, session.list("race/").size());
                            seen++;
                        }
                        return seen;
                    }));
                }
                for (int i = 1; i <= writes; i++) {
                    session.write(consistent(i));
                }
                stop.set(true);
                for (var result : results) {
                    assertTrue(result.get(60, java.util.concurrent.TimeUnit.SECONDS) > 0);
                }
            } finally {
                stop.set(true);
                readers.shutdownNow();
            }
            assertEquals("v" + writes, valueAt(session, "race/key"));
        }
    }

    private static Secret consistent(int i) {
        return Secret.create(
                SecretPath.of("race/key"),
                SecretValue.ofText("v" + i),
                Map.of("copy", SecretValue.ofText("v" + i)),
                Map.of(),
                T0);
    }

    private Faults requireFaults() {
        Optional<Faults> faults = faults();
        org.junit.jupiter.api.Assumptions.assumeTrue(faults.isPresent(), "this store has no medium that can fail");
        return faults.get();
    }

    private static String valueAt(VaultSession session, String path) {
        try (Secret secret = session.read(SecretPath.of(path)).orElseThrow()) {
            return secret.value().revealText();
        }
    }

    private static List<String> paths(List<SecretSummary> summaries) {
        return summaries.stream().map(summary -> summary.path().value()).toList();
    }
}
