package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version_printsTheBuildVersion() {
        assertEquals(0, run("version"));
        assertTrue(out().matches("omnivault version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out());
    }

    @Test
    void help_isTheDefault_andListsWhatRuns() {
        assertEquals(0, run());
        assertTrue(out().contains("Usage: omnivault <command>"), out());
        assertTrue(out().contains("demo"), out());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("Usage: omnivault <command>"), out());
    }

    @Test
    void anUnknownCommand_isAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertEquals("Error: unknown command 'frobnicate', see: omnivault help" + System.lineSeparator(), err());
    }

    @Test
    void demo_walksThroughTheUseCases() {
        assertEquals(0, run("demo"));
        String text = out();
        assertTrue(text.contains("Error: vault is locked (exit code 3)"), text);
        assertTrue(text.contains("Error: invalid password (exit code 5)"), text);
        assertTrue(text.contains("\nunlocked\n".replace("\n", System.lineSeparator())), text);
        assertTrue(text.contains("# status: unlocked, 1 secret(s), auto-lock at "), text);
        assertTrue(text.contains("\nnot-a-real-password\nusername: app\n".replace("\n", System.lineSeparator())), text);
        assertEquals("", err());
    }
}
