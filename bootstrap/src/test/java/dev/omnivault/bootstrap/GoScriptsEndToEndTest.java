package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Go OmniVault's scripts read keeps its shape (SPEC §8): the version line, the message
 * of an unlock with no vault, an empty value from {@code set PATH ""}, {@code Secrets: N} in
 * {@code daemon status}, and a PID file that holds the bare number.
 */
class GoScriptsEndToEndTest {

    @TempDir
    Path home;

    @Test
    void theGoOriginalsLines_andItsPidFile() throws Exception {
        var version = DaemonProcess.cli(home, "", "version");
        assertTrue(version.out().matches("omnivault version \\S+\n"), version.out());
        try (var daemon = DaemonProcess.start(home)) {
            String pid = Files.readString(home.resolve("omnivaultd.pid"));
            assertTrue(pid.matches("\\d+"), "the PID file holds the bare number: '" + pid + "'");

            var noVault = DaemonProcess.cli(home, "password one\n", "unlock");
            assertEquals(4, noVault.exitCode(), noVault.toString());
            assertEquals("Error: vault does not exist, run: omnivault init\n", noVault.err());

            assertEquals(
                    0,
                    DaemonProcess.cli(home, "password one\npassword one\n", "init")
                            .exitCode());
            var empty = DaemonProcess.cli(home, "ignored stdin", "set", "app/empty", "");
            assertEquals("Secret 'app/empty' saved\n", empty.out(), empty.toString());
            var stored = DaemonProcess.cli(home, "", "get", "app/empty", "--json");
            assertTrue(stored.out().contains("\"value\":\"\""), stored.out());

            var status = DaemonProcess.cli(home, "", "daemon", "status");
            assertTrue(status.out().contains("\nVault: unlocked\nSecrets: 1\n"), status.out());
            assertEquals(0, DaemonProcess.cli(home, "", "lock").exitCode());
            var locked = DaemonProcess.cli(home, "", "daemon", "status");
            assertTrue(!locked.out().contains("Secrets:"), locked.out());
        }
    }
}
