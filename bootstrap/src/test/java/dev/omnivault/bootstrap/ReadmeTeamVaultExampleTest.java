package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's team-vault block run as written against a real PostgreSQL server (its address for
 * the example's): each line in a shell with {@code omnivault} on the PATH, the owner's lines in one
 * home, alice's (after the block's comment) in another with her own daemon on the same address.
 * Every line exits 0, and each does what its comment says; the removal, which asks first, is
 * answered at a real terminal ({@code script}).
 */
class ReadmeTeamVaultExampleTest {

    private static final String EXAMPLE_ADDRESS = "postgresql://alice@db.internal:5432/secrets";
    private static final String OWNER = "correct horse battery";
    private static final String ALICE = "alice's first passphrase";
    private static final String BOB = "bob's first passphrase";

    @TempDir
    Path dir;

    static List<String> block() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int heading = lines.indexOf("### A team vault in PostgreSQL");
        int start = lines.subList(heading, lines.size()).indexOf("```") + heading + 1;
        var block = new ArrayList<String>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                return block;
            }
            block.add(line);
        }
        throw new AssertionError("the team block has no end");
    }

    private record Run(int exitCode, String out, String err) {}

    @Test
    void theTeamBlock_runsAsWritten_onTwoMachines() throws Exception {
        List<String> block = block();
        assertTrue(block.getFirst().startsWith("omnivault daemon start --store " + EXAMPLE_ADDRESS), block.toString());
        PostgresServer server = PostgresServer.shared();
        String address = server.address(server.newSchema());
        Path bin = DaemonProcess.commandFolder(dir.resolve("bin"));
        Path owners = dir.resolve("owner");
        Path alices = dir.resolve("alice");
        Path machine = owners;
        var ran = new ArrayList<String>();
        try {
            for (String line : block) {
                if (line.startsWith("# on alice's machine")) {
                    machine = alices; // her own daemon on the same address: the block's first line, there
                    assertEquals(
                            0,
                            shell(bin, machine, block.getFirst().replace(EXAMPLE_ADDRESS, address), "")
                                    .exitCode());
                    continue;
                }
                String command = line.replaceFirst("\\s+#.*$", "").replace(EXAMPLE_ADDRESS, address);
                String stdin = switch (command) {
                    case "omnivault init" -> OWNER + "\n" + OWNER + "\n";
                    case "omnivault team add alice" -> ALICE + "\n";
                    case "omnivault team add bob" -> BOB + "\n";
                    case "OMNIVAULT_MEMBER=alice omnivault unlock" -> ALICE + "\n";
                    case "omnivault change-password --member alice" -> ALICE + "\nalice's second passphrase\n";
                    case "omnivault team remove bob" -> "y\n";
                    default -> "";
                };
                // the removal asks first at a terminal (a script passes --force): answered in a real one
                Run run = command.equals("omnivault team remove bob")
                        ? shell(bin, machine, "script -q -e -c 'exec " + command + "' /dev/null", stdin)
                        : shell(bin, machine, command, stdin);
                assertEquals(0, run.exitCode(), command + "\n" + run);
                ran.add(command);
                switch (command) {
                    case "omnivault team list" -> assertTrue(run.out().contains("* alice"), run.out());
                    case "omnivault team remove bob" ->
                        assertTrue(run.out().contains("Member 'bob' removed"), run.out());
                    default -> {}
                }
            }
            assertEquals(8, ran.size(), ran.toString());
            Run members = shell(bin, alices, "omnivault team list", "");
            assertTrue(!members.out().contains("bob"), "bob is gone: " + members.out());
            Run relock = shell(
                    bin, alices, "omnivault lock && omnivault unlock --member alice", "alice's second passphrase\n");
            assertEquals(0, relock.exitCode(), "alice's new passphrase opens the vault: " + relock);
        } finally {
            shell(bin, owners, "omnivault daemon stop", "");
            shell(bin, alices, "omnivault daemon stop", "");
        }
    }

    private static Run shell(Path bin, Path home, String command, String stdin) throws Exception {
        var builder = new ProcessBuilder("bash", "-c", command);
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("SHELL", "/bin/sh"); // script(1) runs its command with $SHELL -c
        Process process = builder.start();
        var err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException unread) {
                return "(stderr unread: " + unread + ")";
            }
        });
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Run(process.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }
}
