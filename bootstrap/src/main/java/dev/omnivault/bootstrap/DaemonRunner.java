package dev.omnivault.bootstrap;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.KeyMemory;
import dev.omnivault.adapter.storage.PrivateDirectory;
import dev.omnivault.adapter.storage.postgresql.PostgresLocation;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.platform.Platform;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    /** The store when {@code --store} is not given (the default is {@code files}). */
    static final String STORE_VARIABLE = "OMNIVAULT_STORE";

    private DaemonRunner() {}

    /** The options of {@code daemon run}; a transport of null means the platform's default. */
    record Options(
            Duration autoLock,
            Duration maxUnlock,
            Platform.@Nullable Transport transport,
            InetSocketAddress tcpAddress,
            DaemonSettings.Storage storage,
            String store) {

        static Options parse(List<String> args, Map<String, String> environment) {
            Duration autoLock = AutoLockPolicy.DEFAULT_IDLE_TIMEOUT;
            String fromEnvironment = environment.getOrDefault(AUTO_LOCK_VARIABLE, "");
            if (!fromEnvironment.isBlank()) {
                autoLock = duration(fromEnvironment, AUTO_LOCK_VARIABLE);
            }
            Duration maxUnlock = Duration.ZERO;
            Platform.Transport transport = null;
            InetSocketAddress tcpAddress = Platform.defaultTcpAddress();
            String store = environment.getOrDefault(STORE_VARIABLE, "");
            if (store.isBlank()) {
                store = DaemonSettings.Storage.FILES.option();
            }
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(
                            name.equals("--store")
                                    ? "--store needs a store: files, memory or postgresql://USER@HOST:PORT/DATABASE"
                                    : name + " needs a duration (examples: 90s, 15m, 1h30m, 0)");
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
                    case "--store" -> store = value;
                    default -> throw new UsageException("unknown option " + name + " for daemon run");
                }
            }
            DaemonSettings.Storage storage = DaemonSettings.Storage.parse(store);
            if (storage == DaemonSettings.Storage.POSTGRESQL) {
                try {
                    PostgresLocation.parse(store, Map.of());
                } catch (IllegalArgumentException invalid) {
                    throw new UsageException("--store: " + invalid.getMessage());
                }
            }
            return new Options(autoLock, maxUnlock, transport, tcpAddress, storage, store);
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

    /** The settings of a daemon started with {@code options} on {@code platform}: the one place they are decided. */
    static DaemonSettings settings(Options options, Platform platform) {
        return settings(options, platform, Optional.empty());
    }

    /** As above, serving on {@code handed} when systemd handed over a listening socket. */
    static DaemonSettings settings(Options options, Platform platform, Optional<SocketActivation.Handed> handed) {
        Platform.Transport transport = options.transport() == null ? platform.transport() : options.transport();
        if (handed.isPresent() && transport == Platform.Transport.TCP) {
            throw new UsageException("systemd handed over a Unix socket, but --transport tcp was asked for");
        }
        return new DaemonSettings(
                DaemonPaths.of(platform),
                new AutoLockPolicy(options.autoLock(), options.maxUnlock()),
                options.storage(),
                options.store(),
                transport == Platform.Transport.TCP
                        ? new DaemonSettings.Transport.LoopbackTcp(options.tcpAddress())
                        : new DaemonSettings.Transport.UnixSocket(handed),
                Argon2Settings.DEFAULT);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, System.getenv());
        // At once, and beside the rest of the start (the FFM calls link slowly: ~100 ms): the
        // process is made non-dumpable before anything is read from a client, and sooner than
        // if it waited its turn; serve() waits for it before it listens.
        CompletableFuture<Safeguards> safeguards = Safeguards.takeInBackground();
        Platform platform = Platform.current();
        Optional<SocketActivation.Handed> handed;
        try {
            handed = SocketActivation.take(System.getenv());
        } catch (IOException refused) {
            err.println("Error: " + refused.getMessage());
            return 1;
        }
        DaemonSettings settings = settings(options, platform, handed);
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
            if (settings.transport() instanceof DaemonSettings.Transport.UnixSocket) {
                platform.requireSocketPathFits();
            }
            return serve(settings, safeguards, out, err);
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
            DaemonSettings settings, CompletableFuture<Safeguards> safeguards, PrintStream out, PrintStream err)
            throws Exception {
        Logger log = LoggerFactory.getLogger("omnivault");
        var stopRequested = new CountDownLatch(1);
        DaemonComponent daemon =
                DaggerDaemonComponent.factory().create(InstantSource.system(), settings, stopRequested::countDown, log);
        VaultStore store;
        try {
            store = daemon.vaultStore(); // a database store connects here: refused now, not at the first request
        } catch (VaultStoreException unreachable) {
            err.println("Error: " + unreachable.getMessage());
            return 1;
        }
        boolean started = false;
        try (DaemonServer server = daemon.server()) {
            Optional<String> refusal = server.refusal();
            if (refusal.isPresent()) {
                err.println("Error: " + refusal.get());
                return 1;
            }
            out.println("Starting OmniVault daemon...");
            reportSafeguards(settings, safeguards.join(), log);
            try {
                server.start();
            } catch (IOException bindFailed) {
                err.println("Error: could not listen (" + server.where() + "): " + bindFailed.getMessage()
                        + "; is another daemon running?");
                return 1;
            }
            started = true;
            writePidFile(settings.paths().pidFile());
            log.info("daemon started {}", server.where());
            if (settings.storage() == DaemonSettings.Storage.POSTGRESQL) {
                log.info("the vault is in PostgreSQL at {}", PostgresLocation.parse(settings.store(), Map.of()));
            }
            serveUntilStopped(daemon, server, stopRequested, log);
            return 0;
        } finally {
            store.close();
            if (started) {
                // Whatever ended the daemon, clients must not find its PID file any more.
                Files.deleteIfExists(settings.paths().pidFile());
                log.info("daemon stopped");
            }
        }
    }

    /**
     * What the daemon does to protect its keys before it serves, taken on a thread of its own
     * while the rest of the start goes on: the process hardened ({@link ProcessHardening}; a
     * warning if it could not be), the key memory probed, the attach mechanism checked.
     */
    record Safeguards(Optional<String> hardeningWarning, KeyMemory.Report keyMemory, boolean attachClosed) {

        static CompletableFuture<Safeguards> takeInBackground() {
            var taken = new CompletableFuture<Safeguards>();
            Thread.ofPlatform().name("omnivault-safeguards").daemon().start(() -> {
                try {
                    Optional<String> hardening = ProcessHardening.apply();
                    taken.complete(new Safeguards(hardening, KeyMemory.probe(), SealedJvm.attachClosed()));
                } catch (RuntimeException | Error failed) {
                    taken.completeExceptionally(failed);
                }
            });
            return taken;
        }
    }

    /** What the daemon could and could not do to protect its keys, and which store is in use, in the log. */
    private static void reportSafeguards(DaemonSettings settings, Safeguards safeguards, Logger log) {
        safeguards.hardeningWarning().ifPresent(warning -> log.warn("{}", warning));
        KeyMemory.Report keyMemory = safeguards.keyMemory();
        if (keyMemory.complete()) {
            log.info("{}", keyMemory.description());
        } else {
            log.warn("{}", keyMemory.description());
        }
        if (!safeguards.attachClosed()) {
            log.warn("this JVM was started with its attach mechanism open (no -XX:+DisableAttachMechanism): any"
                    + " process of this user can dump the daemon's memory with jcmd; start it with omnivault"
                    + " daemon start or bin/omnivault");
        }
        if (settings.storage() == DaemonSettings.Storage.MEMORY) {
            log.warn("the vault is kept in memory only (--store memory): it is gone when the daemon stops");
        }
    }

    /**
     * Applies the auto-lock once a second, and tidies memory when the daemon is quiet
     * ({@link IdleCollector}), until a signal or {@code /stop}; then locks (the key is zeroed).
     */
    private static void serveUntilStopped(
            DaemonComponent daemon, DaemonServer server, CountDownLatch stopRequested, Logger log)
            throws InterruptedException {
        // One thread for both: the auto-lock's check and the quiet-time collection never overlap.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("omnivault-timer").daemon().factory());
        // Once a second the domain's rule is applied against the clock; it locks when a deadline passed.
        timer.scheduleWithFixedDelay(
                surviving(
                        () -> daemon.enforceAutoLock().enforce(),
                        failed -> log.error(
                                "auto-lock check failed: {}", failed.getClass().getName())),
                1,
                1,
                TimeUnit.SECONDS);
        long tick = IdleCollector.TICK.toMillis();
        timer.scheduleWithFixedDelay(
                surviving(
                        new IdleCollector(
                                server::idleSinceNanos, System::nanoTime, IdleCollector::heapUsed, System::gc),
                        failed -> log.error(
                                "idle collection failed: {}", failed.getClass().getName())),
                tick,
                tick,
                TimeUnit.MILLISECONDS);

        Signals.onTerminate(stopRequested::countDown);
        stopRequested.await();

        log.info("shutting down daemon");
        timer.shutdownNow(); // neither task runs again
        daemon.lockVault().lock();
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

    /**
     * Writes {@code content} to a new file under a fresh random name (created with {@code mode},
     * never through a symbolic link), then renames it over {@code file}: a link planted at either
     * name is replaced, never followed.
     */
    static void writePrivate(Path file, byte[] content, String mode) throws IOException {
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
        writePrivate(
                pidFile, // the bare number, no newline: the Go original's CLI reads it so
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII),
                "rw-r--r--");
    }
}
