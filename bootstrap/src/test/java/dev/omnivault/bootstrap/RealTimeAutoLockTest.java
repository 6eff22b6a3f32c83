package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one real-time check of auto-lock (the rule itself is tested on a fake clock): a daemon with
 * a 2-second timeout locks on its own, and logs it, within a few seconds.
 */
class RealTimeAutoLockTest {

    @TempDir
    Path dir;

    @Test
    void anIdleVault_locksItselfAtTheSecondsScale() throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"), "--auto-lock", "2s")) {
            var client = daemon.client();
            assertEquals(
                    200,
                    client.request("POST", "/init", "{\"password\":\"correct horse battery\"}")
                            .status());
            assertTrue(client.get("/status").body().contains("\"locked\":false"));

            long deadline = System.nanoTime() + 15_000_000_000L;
            boolean locked = false;
            while (!locked && System.nanoTime() < deadline) {
                Thread.sleep(250);
                locked = client.get("/status").body().contains("\"locked\":true");
            }
            assertTrue(locked, "still unlocked 15 s after a 2 s timeout");
            assertTrue(daemon.output().contains("INFO vault auto-locked due to inactivity"), daemon.output());
        }
    }
}
