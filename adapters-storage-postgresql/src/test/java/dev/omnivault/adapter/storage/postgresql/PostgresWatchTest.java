package dev.omnivault.adapter.storage.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Another daemon's change is seen without writing: a session over the PostgreSQL store catches up
 * when the other's commit NOTIFYs it, and still does once its listening connection was killed
 * ({@code pg_terminate_backend}: the watch reconnects and catches up on what it missed).
 */
class PostgresWatchTest {

    private static final String PASSWORD = "correct horse battery";

    private final PostgresServer server = PostgresServer.shared();

    private SealedVaultStore sealedOver(String schema) {
        return new SealedVaultStore(
                PostgresRecordStore.open(server.location(schema)),
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system());
    }

    private static Secret secret(String path, String value) {
        return Secret.create(SecretPath.of(path), SecretValue.ofText(value), Map.of(), Map.of(), Instant.now());
    }

    private static Optional<String> valueAt(VaultSession session, String path) {
        return session.read(SecretPath.of(path)).map(secret -> {
            try (secret) {
                return secret.value().revealText();
            }
        });
    }

    /** Polls {@code condition} for at most {@code within}; how long it took, or a failure. */
    private static Duration await(Duration within, Supplier<Boolean> condition, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.get()) {
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError(what + " not seen within " + within);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aChangeByAnotherDaemon_isSeenWithoutWriting_alsoAfterTheListeningConnectionWasKilled() throws Exception {
        String schema = server.newSchema();
        SealedVaultStore mine = sealedOver(schema);
        SealedVaultStore theirs = sealedOver(schema);
        try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray());
                VaultSession created = mine.create(passphrase);
                var again = Passphrase.adopt(PASSWORD.toCharArray());
                VaultSession other = theirs.open(again).orElseThrow()) {
            Thread.sleep(200); // the watch of mine is listening once its first catch-up ran
            other.write(secret("team/notified", "seen by notification"));
            Duration notified = await(
                    Duration.ofSeconds(3),
                    () -> valueAt(created, "team/notified").isPresent(),
                    "a notified change");
            assertTrue(
                    notified.compareTo(Duration.ofMillis(PostgresWatch.CHECK_EVERY_MILLIS)) < 0,
                    "seen by its notification, not the periodic check: " + notified);

            server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN omnivault_"
                    + schema + "%'");
            other.write(secret("team/missed", "written while no one listened"));
            other.delete(SecretPath.of("team/notified"));
            await(
                    Duration.ofSeconds(PostgresWatch.CHECK_EVERY_MILLIS / 1000 + 5),
                    () -> valueAt(created, "team/missed").isPresent(),
                    "a change made while the listening connection was down");
            await(Duration.ofSeconds(5), () -> valueAt(created, "team/notified").isEmpty(), "a delete");
            assertEquals(1, created.list("team/").size(), "the listing follows too");
        } finally {
            mine.close();
            theirs.close();
        }
    }

    @Test
    void aClosedStore_stopsWatching() throws Exception {
        String schema = server.newSchema();
        var store = PostgresRecordStore.open(server.location(schema));
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        store.watch(calls::incrementAndGet);
        await(Duration.ofSeconds(5), () -> calls.get() > 0, "the first catch-up");
        store.close();
        Thread.sleep(300);
        int after = calls.get();
        Thread.sleep(PostgresWatch.CHECK_EVERY_MILLIS + 1_000);
        assertEquals(after, calls.get(), "no call after close");
        assertEquals(
                0,
                server.column("SELECT pid::text::bytea FROM pg_stat_activity WHERE query LIKE 'LISTEN omnivault_"
                                + schema + "%' AND state <> 'disabled' AND backend_type = 'client backend'")
                        .size(),
                "its connection is gone");
    }
}
