package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared Go OmniVault fixture through the real daemon and CLI: it migrates at its first
 * unlock, and the backups it leaves (which open with the Go password) are reported by the log,
 * by status and after a password change, until {@code migrate --forget-backups} removes them.
 */
class GoVaultMigrationEndToEndTest {

    private static final String GO_PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private static Path fixture() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/fixtures/go-v1-vault");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/fixtures/go-v1-vault not found");
    }

    @Test
    void theBackupsOfAMigration_areReported_untilForgotten() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        for (String name : new String[] {"vault.meta", "vault.enc"}) {
            Files.copy(fixture().resolve(name), home.resolve(name));
        }
        try (var daemon = DaemonProcess.start(home)) {
            var unlocked = DaemonProcess.cli(home, GO_PASSWORD + "\n", "unlock");
            assertEquals(0, unlocked.exitCode(), unlocked.toString());
            assertTrue(
                    daemon.output()
                            .contains("was migrated; its files are kept as vault.meta.v1.bak and vault.enc.v1.bak"),
                    daemon.output());

            var status = DaemonProcess.cli(home, "", "status", "--json");
            assertTrue(
                    status.out().contains("\"legacy_backups\":[\"vault.meta.v1.bak\",\"vault.enc.v1.bak\"]"),
                    status.out());

            var changed = DaemonProcess.cli(home, GO_PASSWORD + "\nanother long password\n", "change-password");
            assertEquals(0, changed.exitCode(), changed.toString());
            assertTrue(changed.err().contains("still open with the old password"), changed.err());

            var forgotten = DaemonProcess.cli(home, "", "migrate", "--forget-backups");
            assertEquals("Removed vault.meta.v1.bak and vault.enc.v1.bak\n", forgotten.out(), forgotten.toString());
            assertFalse(Files.exists(home.resolve("vault.meta.v1.bak")));
            assertFalse(DaemonProcess.cli(home, "", "status", "--json").out().contains("legacy_backups"));
            assertTrue(
                    daemon.output().contains("INFO go vault backups removed files=vault.meta.v1.bak,vault.enc.v1.bak"));

            DaemonProcess.cli(home, "", "lock");
            var relocked = DaemonProcess.cli(home, "", "migrate", "--forget-backups");
            assertEquals(3, relocked.exitCode(), "only an unlocked vault's owner may: " + relocked);
        }
    }
}
