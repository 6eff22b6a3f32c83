package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Everyday workflows" session, run as written: each {@code $ } line in a shell,
 * in one folder, with {@code omnivault} on the PATH talking to a test daemon, its output compared
 * with the lines under it.
 */
class ReadmeWorkflowExamplesTest {

    @TempDir
    Path dir;

    /** A command of the session and the output the README shows for it. */
    record Step(String command, String output) {}

    static List<Step> session() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int heading = lines.indexOf("### Everyday workflows");
        int start = lines.subList(heading, lines.size()).indexOf("```console") + heading + 1;
        var steps = new ArrayList<Step>();
        String command = null;
        var output = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("$ ") || line.equals("```")) {
                if (command != null) {
                    steps.add(new Step(command, output.toString()));
                }
                if (line.equals("```")) {
                    break;
                }
                command = line.substring(2);
                output.setLength(0);
            } else {
                output.append(line).append('\n');
            }
        }
        return steps;
    }

    @Test
    void theSession_printsWhatTheReadmeShows() throws Exception {
        List<Step> steps = session();
        assertEquals(11, steps.size(), steps.toString());
        Path bin = DaemonProcess.commandFolder(dir.resolve("bin"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = dir.resolve("home");
        try (var daemon = DaemonProcess.start(home)) {
            assertEquals(
                    200,
                    daemon.client()
                            .request("POST", "/init", "{\"password\":\"correct horse battery\"}")
                            .status());
            for (Step step : steps) {
                var shell = new ProcessBuilder("/bin/sh", "-c", step.command())
                        .directory(work.toFile())
                        .redirectErrorStream(true);
                shell.environment().put("OMNIVAULT_HOME", home.toString());
                shell.environment().put("PATH", bin + ":" + System.getenv("PATH"));
                Process process = shell.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(60, TimeUnit.SECONDS);
                assertEquals(step.output(), output, step.command());
                assertEquals(0, process.exitValue(), step.command());
            }
        }
    }
}
