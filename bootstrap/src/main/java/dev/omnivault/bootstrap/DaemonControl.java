package dev.omnivault.bootstrap;

import dev.omnivault.adapter.client.SocketVaultClient;
import dev.omnivault.adapter.storage.PrivateDirectory;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.bootstrap.cli.CliMain;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code omnivault daemon start|stop|status} (SPEC §5): start runs {@code daemon run} in the
 * background, detached in its own session (stdin closed, output to {@code omnivaultd.log}, mode
 * 600), and returns once {@code /status} answers; stop asks {@code /stop}, falls back to the PID
 * file's process, and waits until it is gone.
 */
final class DaemonControl {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private DaemonControl() {}

    static int start(List<String> options, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Platform platform = Platform.current();
        if (answers(CliMain.client(platform))) {
            out.println("Daemon is already running"
                    + daemonPid(platform).map(pid -> " (PID: " + pid + ")").orElse(""));
            return 0;
        }
        DaemonRunner.Options.parse(options, System.getenv()); // refuse bad options here, not in the log
        PrivateDirectory.prepare(platform.configDirectory());
        if (DaemonLock.holder(platform.configDirectory()) instanceof DaemonLock.Holder.Daemon) {
            err.println("Error: " + DaemonRunner.alreadyRunning(platform.configDirectory())
                    + ", but it does not answer; stop it with: omnivault daemon stop");
            return 1;
        }
        Path log = platform.logFile();
        if (Files.isSymbolicLink(log)) {
            err.println("Error: " + log + " is a symbolic link; refusing to write the daemon's log through it");
            return 1;
        }
        if (Files.notExists(log, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        var command = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: no terminal, no signals from the shell
        }
        command.addAll(javaCommand(platform.configDirectory()));
        command.addAll(List.of("daemon", "run"));
        command.addAll(options);
        var builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        // the daemon runs in this command's directory, whichever profile or OMNIVAULT_HOME chose it
        builder.environment()
                .put(Platform.HOME_VARIABLE, platform.configDirectory().toString());
        for (String name : SealedJvm.ENVIRONMENT_OPTIONS) {
            if (builder.environment().remove(name) != null) {
                err.println("Warning: " + name + " is not passed to the daemon");
            }
        }
        Process daemon = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            // Asked anew each time: a TCP daemon's token file appears only once it is up.
            if (answers(CliMain.client(platform))) {
                out.println("Daemon started (PID: " + daemonPid(platform).orElse(daemon.pid()) + ")");
                return 0;
            }
            if (!daemon.isAlive() && daemon.exitValue() != 0) {
                break;
            }
            Thread.sleep(10);
        }
        err.println("Error: the daemon did not start; the end of " + log + ":");
        lastLines(log, 10).forEach(line -> err.println("  " + line));
        return 1;
    }

    /**
     * Asks the daemon to stop; when it does not answer, signals the process that holds the
     * directory's daemon lock, and no other: a PID file left by a killed daemon may name any
     * process by now, so it is removed, never trusted.
     */
    static int stop(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Platform platform = Platform.current();
        Path directory = platform.configDirectory();
        var client = CliMain.client(platform);
        Optional<ProcessHandle> holder = daemonPid(platform).flatMap(ProcessHandle::of);
        boolean asked = false;
        if (answers(client)) {
            try {
                client.stop();
                asked = true;
            } catch (RuntimeException noAnswer) {
                // gone meanwhile: the lock says whether it still runs
            }
        }
        if (!asked) {
            if (!(DaemonLock.holder(directory) instanceof DaemonLock.Holder.Daemon(var pid))) {
                removeStalePidFile(platform, out);
                out.println("Daemon is not running");
                return 0;
            }
            if (pid.isEmpty()) {
                err.println("Error: a daemon holds the lock of " + directory
                        + " but does not answer, and its PID cannot be told; end it by hand");
                return 1;
            }
            pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        }
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            // the lock is released just before the process exits: wait for both
            if (DaemonLock.holder(directory) instanceof DaemonLock.Holder.None
                    && !answers(client)
                    && holder.filter(DaemonControl::running).isEmpty()) {
                out.println("Daemon stopped");
                return 0;
            }
            Thread.sleep(10);
        }
        err.println("Error: the daemon did not stop within " + STOP_TIMEOUT.toSeconds() + "s");
        return 1;
    }

    /**
     * Whether the process still runs: one that has ended but is not yet reaped (a zombie, state Z
     * in /proc; an init that reaps once a second, as in some containers, leaves the daemon so for
     * up to a second) holds nothing any more, and is taken for gone. Where /proc cannot be read,
     * the JDK's answer stands.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException unreadable) {
            return true;
        }
        // "PID (NAME) STATE ...": the name may hold spaces and parentheses, the state follows the last ')'
        int nameEnd = stat.lastIndexOf(')');
        return nameEnd < 0 || nameEnd + 2 >= stat.length() || stat.charAt(nameEnd + 2) != 'Z';
    }

    /** No daemon holds the lock: a PID file is a dead daemon's, and the PID in it is someone else's now. */
    private static void removeStalePidFile(Platform platform, PrintStream out) throws IOException {
        Optional<Long> named = pidFileContent(platform);
        if (Files.deleteIfExists(platform.pidFile())) {
            out.println("Removed a stale PID file, " + platform.pidFile()
                    + named.map(pid -> " (PID " + pid + " is not this vault's daemon)")
                            .orElse(""));
        }
    }

    static int status(PrintStream out) throws IOException {
        Platform platform = Platform.current();
        DaemonStatus status;
        try {
            status = CliMain.client(platform).daemonStatus();
        } catch (DaemonUnavailableException down) {
            out.println("Daemon: not running");
            return 0;
        }
        out.println("Daemon: running"
                + daemonPid(platform).map(pid -> " (PID: " + pid + ")").orElse(""));
        out.println(
                platform.clientTransport() == Platform.Transport.TCP
                        ? "Address: " + Platform.hostAndPort(platform.tcpAddress()) + " (TCP, token in "
                                + platform.tokenFile() + ")"
                        : "Socket: " + platform.socketPath());
        out.println("Version: " + status.version());
        out.println("Uptime: " + GoDuration.format(status.uptime()));
        var vault = status.vault();
        out.println("Vault: " + (!vault.vaultExists() ? "not initialized" : vault.locked() ? "locked" : "unlocked"));
        if (vault.vaultExists() && !vault.locked()) {
            out.println("Secrets: " + vault.secretCount()); // the Go original's line, which its scripts read
        }
        Instant now = Instant.now();
        vault.autoLockAt()
                .ifPresent(at -> out.println("Auto-lock in: " + GoDuration.format(Duration.between(now, at))));
        vault.maxUnlockAt()
                .ifPresent(
                        at -> out.println("Maximum unlock ends in: " + GoDuration.format(Duration.between(now, at))));
        if (!Main.version().equals(status.version())) {
            out.println("Warning: the daemon runs version " + status.version() + ", this CLI is " + Main.version()
                    + "; restart it with: omnivault daemon stop && omnivault daemon start");
        }
        return 0;
    }

    private static boolean answers(SocketVaultClient client) {
        try {
            client.daemonStatus();
            return true;
        } catch (RuntimeException notThere) {
            return false;
        }
    }

    /** The PID of the daemon that holds this directory's lock, if one does. */
    private static Optional<Long> daemonPid(Platform platform) {
        try {
            return DaemonLock.holder(platform.configDirectory()) instanceof DaemonLock.Holder.Daemon(var pid)
                    ? pid
                    : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Long> pidFileContent(Platform platform) {
        try {
            return Optional.of(
                    Long.parseLong(Files.readString(platform.pidFile()).strip()));
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    /**
     * The command that runs this same program, sealed ({@link SealedJvm}): module path and main
     * module, or the class path.
     */
    private static List<String> javaCommand(Path configDirectory) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path", "");
        String mainModule = System.getProperty("jdk.module.main", "");
        var sealed = new ArrayList<>(SealedJvm.FLAGS);
        sealed.addAll(SealedJvm.memoryFlags(System.getProperty(SealedJvm.HEAP_PROPERTY, "")));
        sealed.add(SealedJvm.errorFileFlag(configDirectory));
        if (!mainModule.isEmpty() && !modulePath.isEmpty()) {
            var command = new ArrayList<>(List.of(java, "-Xlog:aot=off", "-Xlog:cds=off"));
            command.addAll(sealed);
            command.addAll(List.of(SealedJvm.NATIVE_ACCESS, "-p", modulePath));
            // The start-up cache bin/omnivault found fresh; the flags above are the ones it was trained with.
            String cache = System.getProperty("omnivault.daemon.aot", "");
            if (!cache.isEmpty() && Files.exists(Path.of(cache))) {
                command.add("-XX:AOTCache=" + cache);
            }
            command.addAll(List.of("-m", mainModule + "/" + Main.class.getName()));
            return command;
        }
        var command = new ArrayList<>(List.of(java));
        command.addAll(sealed);
        command.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        return command;
    }

    private static List<String> lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException unreadable) {
            return List.of("(the log cannot be read)");
        }
    }
}
