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
        Files.createDirectories(home.getParent());
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:aot=off",
                "-Xlog:cds=off",
                "--enable-native-access=dev.omnivault.bootstrap,org.newsclub.net.unix",
                "-p",
                programLib.toString()));
        // The daemon's start-up cache, as the build made it beside its modules (skipped if stale).
        Path cache = programLib.resolveSibling("omnivaultd.aot");
        if (Files.exists(cache)) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.addAll(List.of("-m", "dev.omnivault.bootstrap/dev.omnivault.bootstrap.Main", "daemon", "run"));
        command.addAll(options);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolveSibling(home.getFileName() + ".log").toFile()));
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        var daemon = new Daemon(home, builder.start());
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
