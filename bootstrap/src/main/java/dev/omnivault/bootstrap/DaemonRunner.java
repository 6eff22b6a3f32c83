package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.adapter.socket.GoDuration;
import dev.omnivault.adapter.storage.Argon2Settings;
import dev.omnivault.domain.AutoLockPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    /** The default address of the TCP transport, as the Go original uses on Windows. */
    static final InetSocketAddress DEFAULT_TCP_ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 19839);

    static final String TOKEN_FILE = "omnivaultd.token";

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
            InetSocketAddress tcpAddress = DEFAULT_TCP_ADDRESS;
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
            int colon = hostAndPort.lastIndexOf(':');
            try {
                var address = new InetSocketAddress(
                        InetAddress.getByName(
                                hostAndPort.substring(0, colon).replace("[", "").replace("]", "")),
                        Integer.parseInt(hostAndPort.substring(colon + 1)));
                if (!address.getAddress().isLoopbackAddress()) {
                    throw new UsageException(
                            "--tcp-address must be a loopback address (127.0.0.1 or [::1]), not " + hostAndPort);
                }
                return address;
            } catch (IOException | RuntimeException invalid) {
                if (invalid instanceof UsageException usage) {
                    throw usage;
                }
                throw new UsageException("--tcp-address is HOST:PORT on loopback, for example 127.0.0.1:19839");
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
        prepareDirectory(platform.configDirectory());
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

        DaemonHttpServer server;
        String where;
        if (transport == Platform.Transport.UNIX_SOCKET) {
            server = DaemonHttpServer.onUnixSocket(
                    socket, daemon.daemonApi(), DaemonHttpServer.currentUid(), Main.version(), InstantSource.system());
            where = "socket=" + socket;
        } else {
            server = DaemonHttpServer.onLoopbackTcp(
                    options.tcpAddress(),
                    writeToken(platform.configDirectory().resolve(TOKEN_FILE)),
                    daemon.daemonApi(),
                    Main.version(),
                    InstantSource.system());
            where = "address=" + options.tcpAddress().getAddress().getHostAddress() + ":"
                    + options.tcpAddress().getPort();
        }
        try {
            server.start();
        } catch (IOException bindFailed) {
            err.println("Error: could not listen (" + where + "): " + bindFailed.getMessage()
                    + "; is another daemon running?");
            return 1;
        }
        writePidFile(platform.pidFile());
        log.info("daemon started {}", where);

        ScheduledExecutorService autoLock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("omnivault-auto-lock").daemon().factory());
        // Once a second the domain's rule is applied against the clock; it locks when a deadline passed.
        ScheduledFuture<?> ticking =
                autoLock.scheduleWithFixedDelay(() -> daemon.enforceAutoLock().enforce(), 1, 1, TimeUnit.SECONDS);

        Signals.onTerminate(stopRequested::countDown);
        stopRequested.await();

        log.info("shutting down daemon");
        ticking.cancel(false);
        autoLock.shutdownNow();
        daemon.lockVault().lock();
        server.close();
        Files.deleteIfExists(platform.pidFile());
        Files.deleteIfExists(platform.configDirectory().resolve(TOKEN_FILE));
        log.info("daemon stopped");
        return 0;
    }

    /** Creates the config directory with mode 700 (whatever the umask) if it is missing. */
    static void prepareDirectory(Path directory) throws IOException {
        if (Files.notExists(directory)) {
            Path parent = directory.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** A fresh random token in a file only the owner can read (created 600, never chmod-ed later). */
    private static byte[] writeToken(Path tokenFile) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        Files.deleteIfExists(tokenFile);
        try (var channel = Files.newByteChannel(
                tokenFile,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap(token));
        }
        return token;
    }

    private static void writePidFile(Path pidFile) throws IOException {
        Path temp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
