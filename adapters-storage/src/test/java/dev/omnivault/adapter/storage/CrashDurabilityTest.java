package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real SIGKILLs: a child JVM writes and deletes in a loop and is killed at a
 * random moment, again and again. After every kill the vault must open and hold every write and
 * every delete that the child saw return.
 */
class CrashDurabilityTest {

    private static final int KILLS = 24;

    @TempDir
    Path dir;

    @Test
    void killedWriters_neverLoseAnAcknowledgedChange_norBreakTheVault() throws Exception {
        Path vaultDir = dir.resolve("vault");
        Process creator = ChildJvm.start(null, "create", vaultDir.toString());
        assertTrue(creator.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, creator.exitValue());

        var random = new Random(20261128L);
        Set<String> written = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        int acknowledgedTotal = 0;
        for (int run = 0; run < KILLS; run++) {
            Process writer = ChildJvm.start(null, "write-loop", vaultDir.toString(), Integer.toString(run));
            var lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", lines.readLine(), "the writer opened the vault after kill " + run);
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(400));
            // Every line up to the kill must be read: a "deleting" missed would make a landed delete look like a lost
            // write.
            var reading = new FutureTask<Void>(() -> {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (written) {
                        if (line.startsWith("wrote ")) {
                            written.add(line.substring(6));
                        } else if (line.startsWith("deleting ")) {
                            // From here until "deleted", either state is a correct outcome.
                            written.remove(line.substring(9));
                        } else if (line.startsWith("deleted ")) {
                            deleted.add(line.substring(8));
                        }
                    }
                }
                return null;
            });
            Thread.ofVirtual().start(reading);
            while (System.nanoTime() < killAt) {
                Thread.onSpinWait();
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
            // pipe, and lines still in it (a "deleting" among them) would never reach the reader.
            writer.toHandle().destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            reading.get(30, TimeUnit.SECONDS); // the child's output read to its end, or why not

            synchronized (written) {
                acknowledgedTotal = written.size() + deleted.size();
                try (VaultSession session = open(store(vaultDir), PASSWORD).orElseThrow()) {
                    for (String name : written) {
                        try (Secret secret = session.read(SecretPath.of(name))
                                .orElseThrow(() -> new AssertionError("acknowledged write lost: " + name))) {
                            assertEquals(
                                    StorageChild.valueOf(name), secret.value().revealText(), name);
                        }
                    }
                    for (String name : deleted) {
                        assertTrue(session.read(SecretPath.of(name)).isEmpty(), "acknowledged delete undone: " + name);
                    }
                }
            }
        }
        assertTrue(acknowledgedTotal > KILLS, "the writers got some work done: " + acknowledgedTotal);
    }
}
