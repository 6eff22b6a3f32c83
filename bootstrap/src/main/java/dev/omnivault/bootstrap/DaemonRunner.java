package dev.omnivault.bootstrap;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.KeyMemory;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.adapter.storage.PrivateDirectory;
import dev.omnivault.bootstrap.cli.Platform;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.GoDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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

    /** The options of {@code daemon run}; a transport of null means the platform's default. */
    record Options(
            Duration autoLock,
            Duration maxUnlock,
            Platform.@Nullable Transport transport,
            InetSocketAddress tcpAddress) {

        static Options parse(List<String> args, Map<String, String> environment) {
            Duration autoLock = AutoLockPolicy.DEFAULT_IDLE_TIMEOUT;
            String fromEnvironment = environment.getOrDefault(AUTO_LOCK_VARIABLE, "");
            if (!fromEnvironment.isBlank()) {
                autoLock = duration(fromEnvironment, AUTO_LOCK_VARIABLE);
            }
            Duration maxUnlock = Duration.ZERO;
            Platform.Transport transport = null;
            InetSocketAddress tcpAddress = Platform.defaultTcpAddress();
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
                    case "--transport" ->
                        transport = switch (value) {
                            case "unix" -> Platform.Transport.UNIX_SOCKET;
                            case "tcp" -> Platform.Transport.TCP;
                            default -> throw new UsageException("--transport is unix or tcp, not " + value);
                        };
                    case "--tcp-address" -> tcpAddress = loopback(value);
                    default -> throw new UsageException("unknown option " + name + " for daemon run");
                }
            }
            return new Options(autoLock, maxUnlock, transport, tcpAddress);
        }

        private static InetSocketAddress loopback(String hostAndPort) {
            try {
                return Platform.loopbackAddress(hostAndPort);
            } catch (IllegalArgumentException invalid) {
                throw new UsageException(String.valueOf(invalid.getMessage()));
            }
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
        Platform.Transport transport = options.transport() == null ? platform.transport() : options.transport();
        Optional<String> unsafe = SealedJvm.refusal(System.getenv());
        if (unsafe.isPresent()) {
            err.println("Error: " + unsafe.get());
            return 1;
        }
        // Before anything is created in it (see PrivateDirectory): a link or another user's is refused.
        PrivateDirectory.prepare(platform.configDirectory());
        // Before anything is written or removed in the directory: a second daemon touches nothing.
        Optional<DaemonLock> lock = DaemonLock.acquire(platform.configDirectory());
        if (lock.isEmpty()) {
            err.println("Error: " + alreadyRunning(platform.configDirectory()));
            return 1;
        }
        try (DaemonLock held = lock.get()) {
            return serve(options, platform, transport, out, err);
        }
    }

    /** What a refused second daemon (or {@code daemon start}) says: the directory and the holder's PID. */
    static String alreadyRunning(Path directory) throws IOException {
        String pid = DaemonLock.holder(directory) instanceof DaemonLock.Holder.Daemon(var known)
                ? known.map(number -> " (PID " + number + ")").orElse("")
                : "";
        return "a daemon is already running for " + directory + pid;
    }

    private static int serve(
            Options options, Platform platform, Platform.Transport transport, PrintStream out, PrintStream err)
            throws Exception {
        Path socket = platform.socketPath();
        if (transport == Platform.Transport.UNIX_SOCKET) {
            platform.requireSocketPathFits();
            if (DaemonHttpServer.isAnswering(socket)) {
                err.println("Error: a daemon is already running on " + socket);
                return 1;
            }
            // Nothing answers: whatever is there was left by a daemon that died.
            Files.deleteIfExists(socket);
            Files.deleteIfExists(platform.pidFile());
            // A TCP daemon that died left its token: clients would look for it on TCP.
            Files.deleteIfExists(platform.tokenFile());
            Files.deleteIfExists(platform.addressFile());
        } else if (isListening(options.tcpAddress())) {
            // Checked before the token is written: a second daemon must not replace the first one's.
            err.println("Error: something already listens on " + Platform.hostAndPort(options.tcpAddress())
                    + "; is another daemon running?");
            return 1;
        }

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
        KeyMemory.Report keyMemory = KeyMemory.probe();
        if (keyMemory.complete()) {
            log.info("{}", keyMemory.description());
        } else {
            log.warn("{}", keyMemory.description());
        }
        if (!SealedJvm.attachClosed()) {
            log.warn("this JVM was started with its attach mechanism open (no -XX:+DisableAttachMechanism): any"
                    + " process of this user can dump the daemon's memory with jcmd; start it with omnivault"
                    + " daemon start or bin/omnivault");
        }

        DaemonHttpServer server;
        String where;
        byte[] token = new byte[0];
        if (transport == Platform.Transport.UNIX_SOCKET) {
            server = DaemonHttpServer.onUnixSocket(
                    socket, daemon.daemonApi(), DaemonHttpServer.currentUid(), Main.version(), InstantSource.system());
            where = "socket=" + socket;
        } else {
            token = newToken();
            server = DaemonHttpServer.onLoopbackTcp(
                    options.tcpAddress(), token, daemon.daemonApi(), Main.version(), InstantSource.system());
            where = "address=" + Platform.hostAndPort(options.tcpAddress());
        }
        try {
            return serveStarted(
                    server, where, token, options.tcpAddress(), platform, transport, daemon, stopRequested, log, err);
        } finally {
            Arrays.fill(token, (byte) 0);
            // Whatever ended the daemon, clients must not find its endpoint any more.
            Files.deleteIfExists(platform.pidFile());
            if (transport == Platform.Transport.TCP) {
                Files.deleteIfExists(platform.tokenFile());
                Files.deleteIfExists(platform.addressFile());
            }
        }
    }

    /**
     * Binds, and only once bound tells clients where it is (the token and address files on TCP,
     * so a client never sends them to a port someone else holds); then serves until stopped.
     */
    private static int serveStarted(
            DaemonHttpServer server,
            String where,
            byte[] token,
            InetSocketAddress tcpAddress,
            Platform platform,
            Platform.Transport transport,
            DaemonComponent daemon,
            CountDownLatch stopRequested,
            Logger log,
            PrintStream err)
            throws Exception {
        try {
            server.start();
        } catch (IOException bindFailed) {
            err.println("Error: could not listen (" + where + "): " + bindFailed.getMessage()
                    + "; is another daemon running?");
            return 1;
        }
        if (transport == Platform.Transport.TCP) {
            writeEndpoint(platform, new InetSocketAddress(tcpAddress.getAddress(), server.tcpPort()), token);
        }
        writePidFile(platform.pidFile());
        log.info("daemon started {}", where);

        ScheduledExecutorService autoLock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("omnivault-auto-lock").daemon().factory());
        // Once a second the domain's rule is applied against the clock; it locks when a deadline passed.
        ScheduledFuture<?> ticking = autoLock.scheduleWithFixedDelay(
                surviving(
                        () -> daemon.enforceAutoLock().enforce(),
                        failed -> log.error(
                                "auto-lock check failed: {}", failed.getClass().getName())),
                1,
                1,
                TimeUnit.SECONDS);

        Signals.onTerminate(stopRequested::countDown);
        stopRequested.await();

        log.info("shutting down daemon");
        ticking.cancel(false);
        autoLock.shutdownNow();
        daemon.lockVault().lock();
        server.close();
        log.info("daemon stopped");
        return 0;
    }

    /**
     * {@code task} made safe to schedule at a fixed delay: a scheduled executor cancels a task
     * for good once one run throws, and the auto-lock must go on checking after any failure.
     */
    static Runnable surviving(Runnable task, java.util.function.Consumer<Throwable> report) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error failed) {
                report.accept(failed);
            }
        };
    }

    private static boolean isListening(InetSocketAddress address) {
        try (var probe = new java.net.Socket()) {
            probe.connect(address, 1000);
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }

    /** A fresh random bearer token, 64 hex digits. */
    private static byte[] newToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(random, (byte) 0);
        return token;
    }

    /** The token and the address clients should use, each in a file only the owner can read. */
    private static void writeEndpoint(Platform platform, InetSocketAddress address, byte[] token) throws IOException {
        writePrivate(
                platform.addressFile(),
                (Platform.hostAndPort(address) + "\n").getBytes(StandardCharsets.US_ASCII),
                "rw-------");
        writePrivate(platform.tokenFile(), token, "rw-------");
    }

    /**
     * Writes {@code content} to a new file under a fresh random name (created with {@code mode},
     * never through a symbolic link), then renames it over {@code file}: a link planted at either
     * name is replaced, never followed.
     */
    private static void writePrivate(Path file, byte[] content, String mode) throws IOException {
        Path temp = file.resolveSibling(
                "." + file.getFileName() + "." + HexFormat.of().formatHex(randomBytes(6)) + ".tmp");
        try {
            try (var channel = Files.newByteChannel(
                    temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)))) {
                channel.write(ByteBuffer.wrap(content));
            }
            // the mode given at creation is cut by the umask; this file is ours, just made
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void writePidFile(Path pidFile) throws IOException {
        writePrivate(pidFile, (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
    }
}
