package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code omnivault daemon run} in its own JVM, on a temporary OMNIVAULT_HOME. */
final class DaemonProcess implements AutoCloseable {

    final Path home;
    final Process process;
    final Path output;

    private DaemonProcess(Path home, Process process, Path output) {
        this.home = home;
        this.process = process;
        this.output = output;
    }

    static DaemonProcess start(Path home, String... options) throws IOException, InterruptedException {
        DaemonProcess daemon = launch(home, options);
        daemon.awaitAnswering();
        return daemon;
    }

    /** Starts the process without waiting for it to answer (for a start that must fail). */
    static DaemonProcess launch(Path home, String... options) throws IOException {
        return launch(home, java.util.Map.of(), options);
    }

    /** {@link #launch(Path, String...)} with {@code environment} added to the daemon's. */
    static DaemonProcess launch(Path home, java.util.Map<String, String> environment, String... options)
            throws IOException {
        return launch(home, List.of(), environment, options);
    }

    /** {@link #launch(Path, java.util.Map, String...)} with {@code jvmOptions} given to the daemon's JVM. */
    static DaemonProcess launch(
            Path home, List<String> jvmOptions, java.util.Map<String, String> environment, String... options)
            throws IOException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), Main.class.getName(), "daemon", "run"));
        command.addAll(List.of(options));
        Path output = Files.createTempFile(home.getParent(), "daemon", ".out");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        builder.environment().remove("OMNIVAULT_AUTO_LOCK");
        builder.environment().putAll(environment);
        return new DaemonProcess(home, builder.start(), output);
    }

    Path socket() {
        return home.resolve("omnivaultd.sock");
    }

    Path pidFile() {
        return home.resolve("omnivaultd.pid");
    }

    UnixHttpClient client() {
        return new UnixHttpClient(socket());
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    void awaitAnswering() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the daemon exited with " + process.exitValue() + ":\n" + output());
            }
            if (Files.exists(pidFile()) && (Files.exists(socket()) || Files.exists(home.resolve("omnivaultd.token")))) {
                if (!Files.exists(socket())) {
                    return;
                }
                try {
                    client().get("/status");
                    return;
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the daemon did not answer within 30 s:\n" + output());
    }

    int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon did not exit:\n" + output());
        }
        return process.exitValue();
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        kill.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs one CLI command in its own JVM against {@code home}; returns exit code, stdout and stderr. */
    static CliRun cli(Path home, String stdin, String... args) throws IOException, InterruptedException {
        return cli(home, java.util.Map.of(), stdin, args);
    }

    /** {@link #cli(Path, String, String...)} with {@code environment} added to the CLI's. */
    static CliRun cli(Path home, java.util.Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        // stderr is read beside stdout, so a CLI that fills one pipe cannot stall on the other.
        var stderr = new java.util.concurrent.FutureTask<>(
                () -> process.getErrorStream().readAllBytes());
        Thread.ofVirtual().start(stderr);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err;
        try {
            err = new String(stderr.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException unread) {
            throw new AssertionError("the CLI's stderr could not be read", unread);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + args[0]);
        }
        return new CliRun(process.exitValue(), out, err);
    }

    /**
     * Makes {@code folder} with an {@code omnivault} in it that runs the program of this test's
     * class path, for a shell whose PATH starts there to run the README's lines as written.
     */
    static Path commandFolder(Path folder) throws IOException {
        Path program = Files.createDirectories(folder).resolve("omnivault");
        Files.writeString(
                program,
                "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                        + "' -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp '"
                        + classPath() + "' " + Main.class.getName() + " \"$@\"\n");
        if (!program.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + program + " executable");
        }
        return folder;
    }

    /** What one CLI command did. */
    record CliRun(int exitCode, String out, String err) {}

    static String classPath() {
        var entries = new ArrayList<String>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.add(value);
            }
        }
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        return String.join(File.pathSeparator, entries);
    }
}
