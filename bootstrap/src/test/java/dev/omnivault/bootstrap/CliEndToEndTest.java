package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The omnivault CLI as a separate process against a real daemon: outputs and exit codes of SPEC §8. */
class CliEndToEndTest {

    @TempDir
    Path dir;

    private static void assertRun(DaemonProcess.CliRun run, int exitCode, String out, String err) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertEquals(out, run.out(), run.toString());
        assertEquals(err, run.err(), run.toString());
    }

    @Test
    void withoutADaemon_statusSaysSo_andOtherCommandsGiveTheHint() throws Exception {
        Path home = dir.resolve("home");
        assertRun(DaemonProcess.cli(home, "", "status"), 0, "Daemon: not running\n", "");
        assertRun(
                DaemonProcess.cli(home, "", "get", "api/key"),
                7,
                "",
                "Error: daemon is not running, start it with: omnivault daemon start\n");
    }

    @Test
    void aScriptDrivesTheWholeVault() throws Exception {
        Path home = dir.resolve("home");
        try (var daemon = DaemonProcess.start(home)) {
            assertRun(
                    DaemonProcess.cli(home, "correct horse battery\ncorrect horse battery\n", "init"),
                    0,
                    "Vault initialized successfully!\nYour vault is now unlocked and ready to use.\n",
                    "");
            assertRun(
                    DaemonProcess.cli(
                            home,
                            "",
                            "set",
                            "database/credentials",
                            "primary",
                            "--field",
                            "username=app",
                            "--tag",
                            "env=prod"),
                    0,
                    "Secret 'database/credentials' saved\n",
                    "");
            assertRun(
                    DaemonProcess.cli(home, "line one\nline two\n", "set", "notes/multi"),
                    0,
                    "Secret 'notes/multi' saved\n",
                    "");
            assertRun(DaemonProcess.cli(home, "", "get", "database/credentials"), 0, "primary\nusername: app\n", "");
            assertRun(DaemonProcess.cli(home, "", "get", "notes/multi"), 0, "line one\nline two\n", "");
            var json = DaemonProcess.cli(home, "", "get", "database/credentials", "--json");
            assertTrue(
                    json.out()
                            .startsWith(
                                    "{\"path\":\"database/credentials\",\"value\":\"primary\",\"fields\":{\"username\":\"app\"},"
                                            + "\"tags\":{\"env\":\"prod\"},\"created_at\":\""),
                    json.toString());
            assertTrue(DaemonProcess.cli(home, "", "ls", "--json").out().endsWith(",\"count\":2}\n"));
            assertRun(
                    DaemonProcess.cli(home, "", "ls"),
                    0,
                    "database/credentials (value+fields) [env]\nnotes/multi\n\n2 secret(s)\n",
                    "");
            var status = DaemonProcess.cli(home, "", "status");
            assertEquals(0, status.exitCode());
            assertTrue(
                    status.out()
                            .matches(
                                    "Daemon: running\nUptime: \\d+s\nVault: unlocked\nSecrets: 2\nUnlocked at: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n"),
                    status.out());

            assertRun(
                    DaemonProcess.cli(home, "", "rm", "notes/multi"),
                    2,
                    "",
                    "Error: refusing to delete without confirmation; use --force\n");
            assertRun(
                    DaemonProcess.cli(home, "", "rm", "notes/multi", "--force"),
                    0,
                    "Secret 'notes/multi' deleted\n",
                    "");
            assertRun(DaemonProcess.cli(home, "", "get", "notes/multi"), 4, "", "Error: secret not found\n");
            assertRun(DaemonProcess.cli(home, "", "lock"), 0, "Vault locked\n", "");
            assertRun(DaemonProcess.cli(home, "", "get", "database/credentials"), 3, "", "Error: vault is locked\n");
            assertRun(DaemonProcess.cli(home, "wrong password\n", "unlock"), 5, "", "Error: invalid password\n");
            assertRun(
                    DaemonProcess.cli(home, "correct horse battery\n", "unlock"),
                    0,
                    "Vault unlocked successfully!\n",
                    "");
            assertRun(DaemonProcess.cli(home, "", "unlock"), 0, "Vault is already unlocked\n", "");
            assertRun(DaemonProcess.cli(home, "x\ny\n", "init"), 6, "", "Error: vault already exists\n");
            assertRun(
                    DaemonProcess.cli(home, "", "set", "bad//path", "v"),
                    2,
                    "",
                    "Error: invalid secret path: empty segment\n");
            assertTrue(!daemon.output().contains("primary"), "no value in the daemon's log");
        }
    }
}
