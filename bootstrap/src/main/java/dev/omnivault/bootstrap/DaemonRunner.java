package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.adapter.socket.GoDuration;
import dev.omnivault.adapter.storage.Argon2Settings;
import dev.omnivault.domain.AutoLockPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code omnivault daemon run}: the daemon in the foreground (SPEC §5). One instance per config
 * directory: a live socket is never taken over, a stale one is removed. SIGINT, SIGTERM and
 * {@code /stop} all end it the same way: lock (zero the key), stop accepting, let active requests
 * finish, remove the socket and the PID file, exit 0.
 */
final class DaemonRunner {

    static final String AUTO_LOCK_VARIABLE = "OMNIVAULT_AUTO_LOCK";

    private DaemonRunner() {}

    /** The options of {@code daemon run}. */
    record Options(Duration autoLock, Duration maxUnlock) {

        static Options parse(List<String> args, Map<String, String> environment) {
            Duration autoLock = AutoLockPolicy.DEFAULT_IDLE_TIMEOUT;
            String fromEnvironment = environment.getOrDefault(AUTO_LOCK_VARIABLE, "");
            if (!fromEnvironment.isBlank()) {
                autoLock = duration(fromEnvironment, AUTO_LOCK_VARIABLE);
            }
            Duration maxUnlock = Duration.ZERO;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a duration (examples: 90s, 15m, 1h30m, 0)");
                }
                switch (name) {
                    case "--auto-lock" -> autoLock = duration(value, name);
                    case "--max-unlock" -> maxUnlock = duration(value, name);
                    default -> throw new UsageException("unknown option " + name + " for daemon run");
                }
            }
            return new Options(autoLock, maxUnlock);
        }

        private static Duration duration(String text, String what) {
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException invalid) {
                throw new UsageException(what + ": " + invalid.getMessage());
            }
        }
    }

    /** A mistake in the command line: reported with exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, System.getenv());
        Platform platform = Platform.current();
        platform.requireSocketPathFits();
        prepareDirectory(platform.configDirectory());
        Path socket = platform.socketPath();
        if (DaemonHttpServer.isAnswering(socket)) {
            err.println("Error: a daemon is already running on " + socket);
            return 1;
        }
        // Nothing answers: whatever is there was left by a daemon that died.
        Files.deleteIfExists(socket);
        Files.deleteIfExists(platform.pidFile());

        out.println("Starting OmniVault daemon...");
        Logger log = LoggerFactory.getLogger("omnivault");
        var stopRequested = new CountDownLatch(1);
        var settings = new DaemonSettings(
                platform.configDirectory(),
                new AutoLockPolicy(options.autoLock(), options.maxUnlock()),
                DaemonSettings.Storage.FILES,
                Argon2Settings.DEFAULT);
        DaemonComponent daemon =
                DaggerDaemonComponent.factory().create(InstantSource.system(), settings, stopRequested::countDown, log);
        ProcessHardening.apply(log);

        var server = new DaemonHttpServer(
                socket, daemon.daemonApi(), DaemonHttpServer.currentUid(), Main.version(), InstantSource.system());
        server.start();
        writePidFile(platform.pidFile());
        log.info("daemon started socket={}", socket);

        ScheduledExecutorService autoLock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("omnivault-auto-lock").daemon().factory());
        // Once a second the domain's rule is applied against the clock; it locks when a deadline passed.
        autoLock.scheduleWithFixedDelay(() -> daemon.enforceAutoLock().enforce(), 1, 1, TimeUnit.SECONDS);

        Signals.onTerminate(stopRequested::countDown);
        stopRequested.await();

        log.info("shutting down daemon");
        autoLock.shutdownNow();
        daemon.lockVault().lock();
        server.close();
        Files.deleteIfExists(platform.pidFile());
        log.info("daemon stopped");
        return 0;
    }

    private static void prepareDirectory(Path directory) throws IOException {
        if (Files.notExists(directory)) {
            Path parent = directory.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void writePidFile(Path pidFile) throws IOException {
        Path temp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
