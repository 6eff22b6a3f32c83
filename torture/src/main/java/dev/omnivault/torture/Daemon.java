package dev.omnivault.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real daemon process ({@code omnivault daemon run}) in its own home, as the product ships it. */
final class Daemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Process process;
    private final Http http;

    private Daemon(Path home, Process process) {
        this.home = home;
        this.process = process;
        this.http = new Http(home.resolve("omnivaultd.sock"));
    }

    /** Starts {@code daemon run} with {@code options} and returns once {@code /status} answers. */
    static Daemon start(Path programLib, Path home, List<String> options) throws IOException, InterruptedException {
        var daemon = new Daemon(home, launch(programLib, home, options));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.process.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + daemon.process.exitValue() + "; see "
                        + home.resolveSibling(home.getFileName() + ".log"));
            }
            if (daemon.answers()) {
                return daemon;
            }
            Thread.sleep(20);
        }
        daemon.kill();
        throw new IllegalStateException("the daemon did not answer within " + START_TIMEOUT);
    }

    /**
     * Starts {@code daemon run} with {@code options} without waiting for it (a daemon that must be
     * refused); its output goes to the home's log beside it.
     */
    static Process launch(Path programLib, Path home, List<String> options) throws IOException {
        List<String> command = program(programLib, "daemon", "run");
        command.addAll(options);
        return processIn(home, command).start();
    }

    /** Runs one {@code omnivault} command of the whole program against {@code home}: its exit code and output. */
    static Cli cli(Path programLib, Path home, String... args) throws IOException, InterruptedException {
        return cli(programLib, home, "", args);
    }

    /** {@link #cli(Path, Path, String...)} with {@code stdin} given to the command. */
    static Cli cli(Path programLib, Path home, String stdin, String... args) throws IOException, InterruptedException {
        var builder = processIn(home, program(programLib, args));
        Path output = Files.createTempFile(home.getParent(), "cli", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("omnivault " + String.join(" ", args) + " did not finish");
        }
        String text = Files.readString(output);
        Files.delete(output);
        return new Cli(process.exitValue(), text);
    }

    /** What one CLI command did: its exit code and its output (stdout and stderr together). */
    record Cli(int exitCode, String output) {}

    private static ProcessBuilder processIn(Path home, List<String> command) throws IOException {
        Files.createDirectories(home.getParent());
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolveSibling(home.getFileName() + ".log").toFile()));
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        return builder;
    }

    private static List<String> program(Path programLib, String... args) throws IOException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:aot=off",
                "-Xlog:cds=off",
                "--enable-native-access=dev.omnivault.bootstrap,dev.omnivault.adapter.seal,dev.omnivault.adapter.cli,org.newsclub.net.unix",
                "-p",
                programLib.toString()));
        command.addAll(memoryFlags(programLib));
        // The daemon's start-up cache, as the build made it beside its modules (skipped if stale).
        Path cache = programLib.resolveSibling("omnivaultd.aot");
        if (Files.exists(cache)) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.addAll(List.of("-m", "dev.omnivault.bootstrap/dev.omnivault.bootstrap.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The daemon's memory settings as the product passes them (bin/lib/cli.sh's
     * DAEMON_MEMORY_FLAGS, read from the checkout the program's jars were built in), so what is
     * measured here is the daemon users run; none when that file is not there.
     */
    static List<String> memoryFlags(Path programLib) throws IOException {
        Path script =
                programLib.toAbsolutePath().resolve("../../../bin/lib/cli.sh").normalize();
        if (!Files.exists(script)) {
            return List.of();
        }
        String text = Files.readString(script);
        int start = text.indexOf("\nDAEMON_MEMORY_FLAGS=(");
        if (start < 0) {
            throw new IOException("no DAEMON_MEMORY_FLAGS in " + script);
        }
        int open = text.indexOf('(', start);
        String inside = text.substring(open + 1, text.indexOf(')', open)).strip();
        return List.of(inside.split("\\s+"));
    }

    Path home() {
        return home;
    }

    Http http() {
        return http;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean answers() {
        try {
            return http.get("/status").status() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                http.request("POST", "/stop", "");
            } catch (IOException gone) {
                // fall through to the signal
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
