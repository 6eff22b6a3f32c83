package dev.omnivault.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.cli.SystemTerminal;
import dev.omnivault.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own composition root, in process: what it answers without a daemon. */
class CliMainTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Platform platform = Platform.forOs("Linux", Map.of(Platform.HOME_VARIABLE, home.toString()), "/nowhere");
        return CliMain.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                platform,
                new SystemTerminal(InputStream.nullInputStream()));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version_isTheFilteredBuildVersion() {
        assertEquals(0, run("version"));
        assertTrue(out().matches("omnivault version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), out());
    }

    @Test
    void noCommand_printsTheHelp_namingEveryCommand() {
        assertEquals(0, run());
        for (String command : List.of(
                "init",
                "unlock",
                "status",
                "get",
                "set",
                "list",
                "delete",
                "change-password",
                "completion",
                "daemon start",
                "daemon run",
                "version")) {
            assertTrue(out().contains(command), command);
        }
    }

    @Test
    void aVaultCommandWithoutADaemon_givesTheHint_andExitCode7() {
        assertEquals(7, run("get", "api/key"));
        assertEquals("Error: daemon is not running, start it with: omnivault daemon start\n", err());
        assertEquals("", out());
    }

    @Test
    void anUnknownCommand_isAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertEquals("Error: unknown command 'frobnicate', see: omnivault help\n", err());
    }

    @Test
    void helpCommand_printsThatCommandsHelp() {
        assertEquals(0, run("help", "run"));
        assertTrue(out().startsWith("Usage: omnivault run [--env NAME=REF]..."), out());
    }
}
