package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's curl examples, run as written (with $S pointing at a test daemon), in order. */
class ReadmeCurlExamplesTest {

    @TempDir
    Path dir;

    static List<String> curlExamples() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        var examples = new ArrayList<String>();
        boolean inBlock = false;
        for (String line : lines) {
            if (line.startsWith("S=~/.omnivault/omnivaultd.sock")) {
                inBlock = true;
            } else if (inBlock && line.startsWith("```")) {
                break;
            } else if (inBlock) {
                examples.add(line);
            }
        }
        return examples;
    }

    @Test
    void everyExample_answersAsTheReadmeSays() throws Exception {
        List<String> examples = curlExamples();
        assertEquals(10, examples.size(), examples.toString());
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            for (String example : examples) {
                var builder = new ProcessBuilder("/bin/sh", "-c", example).redirectErrorStream(true);
                builder.environment().put("S", daemon.socket().toString());
                Process shell = builder.start();
                String answer = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, shell.exitValue(), example);
                assertTrue(
                        answer.startsWith("{\"success\":true")
                                || answer.startsWith("{\"running\":true")
                                || answer.startsWith("{\"path\":\"database/password\"")
                                || answer.startsWith("{\"secrets\":[{"),
                        example + " -> " + answer);
            }
            assertEquals(0, daemon.awaitExit(), "the last example stops the daemon");
        }
    }
}
