package dev.omnivault.adapter.socket;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP/1.1 server: Jetty 12 on a junixsocket Unix-domain channel (or, on request,
 * loopback TCP with a bearer token), the API of SPEC §3, bounded headers and bodies, idle
 * connections closed after 30 seconds, request handling on virtual threads so that a slow client
 * holds nothing that others need.
 */
public final class DaemonHttpServer implements AutoCloseable {

    /** Idle and slow connections are closed after this long (SPEC §3: 30 s at most). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_HEADER_BYTES = 8 * 1024;

    /**
     * Jetty pads its queues to the cache line and, unless told how many references fill one,
     * asks the platform MBean server for the JVM's reference size: a server of every platform
     * MXBean, Flight Recorder's among them, built at start (~150 ms of the daemon's start-up, and
     * its classes kept for good) for a number that only tunes the padding. A 64-byte line holds 16
     * compressed references, which any heap under 32 GiB uses (the daemon's is 256 MiB at most).
     */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private final Server server;
    private final AbstractConnector connector;
    private final Listener listener;
    private final ApiHandler handler;

    private DaemonHttpServer(
            Listener listener, DaemonApi api, Admission admission, String version, InstantSource clock) {
        this(listener, api, admission, version, clock, new TcpConnectionLimits());
    }

    private DaemonHttpServer(
            Listener listener,
            DaemonApi api,
            Admission admission,
            String version,
            InstantSource clock,
            TcpConnectionLimits tcpLimits) {
        var threads = new QueuedThreadPool(64, 4);
        threads.setName("omnivault-http");
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        // Pooled buffers, each zeroed as it returns to the pool (see ZeroingByteBufferPool).
        server = new Server(threads, null, new ZeroingByteBufferPool());
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // Go's net/http decodes %2F in a path, so "/secret/a%2Fb" names "a/b"; the handler then
        // checks the decoded path itself (no '.', '..' or empty segment ever reaches a use case).
        http.setUriCompliance(UriCompliance.from("DEFAULT,AMBIGUOUS_PATH_SEPARATOR"));
        var factory = new HttpConnectionFactory(http);
        TcpConnectionLimits limits = null;
        connector = switch (listener) {
            case Listener.UnixSocket unix -> new UnixSocketConnector(server, unix.path(), null, factory);
            case Listener.InheritedUnixSocket inherited ->
                new UnixSocketConnector(server, inherited.path(), inherited.channel(), factory);
            case Listener.LoopbackTcp tcp -> {
                var tcpConnector = new ServerConnector(server, factory);
                tcpConnector.setHost(tcp.address().getAddress().getHostAddress());
                tcpConnector.setPort(tcp.address().getPort());
                // a burst of connects waits in the kernel's queue instead of having its SYNs
                // dropped (a dropped SYN is retried a second later: the owner's connect stalls)
                tcpConnector.setAcceptQueueSize(TcpConnectionLimits.ACCEPT_QUEUE);
                // any local user can connect to loopback: cap the connections, bound each head
                limits = tcpLimits;
                tcpConnector.addBean(limits);
                yield tcpConnector;
            }
        };
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        handler = new ApiHandler(api, admission, version, clock, limits);
        server.setHandler(handler);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(Duration.ofSeconds(10).toMillis());
        server.setStopAtShutdown(false);
        this.listener = listener;
    }

    /** Where a daemon listens. */
    sealed interface Listener {
        record UnixSocket(Path path) implements Listener {}

        /** A socket some other program made and listens on, handed over (systemd's socket activation). */
        record InheritedUnixSocket(java.nio.channels.ServerSocketChannel channel, Path path) implements Listener {}

        record LoopbackTcp(InetSocketAddress address) implements Listener {}
    }

    /**
     * A daemon on a Unix socket that serves only the peer uid {@code ownerUid} (empty: any peer,
     * for systems without peer credentials).
     */
    public static DaemonHttpServer onUnixSocket(
            Path socketPath, DaemonApi api, OptionalLong ownerUid, String version, InstantSource clock) {
        return new DaemonHttpServer(
                new Listener.UnixSocket(socketPath), api, new Admission.SameUser(ownerUid), version, clock);
    }

    /**
     * A daemon on a Unix socket it was handed already listening (systemd's socket activation,
     * {@code omnivault.socket}), bound at {@code socketPath}: the same peer-uid check on every
     * connection; the socket file is its maker's, so it is neither changed nor removed here.
     */
    public static DaemonHttpServer onInheritedUnixSocket(
            java.nio.channels.ServerSocketChannel channel,
            Path socketPath,
            DaemonApi api,
            OptionalLong ownerUid,
            String version,
            InstantSource clock) {
        return new DaemonHttpServer(
                new Listener.InheritedUnixSocket(channel, socketPath),
                api,
                new Admission.SameUser(ownerUid),
                version,
                clock);
    }

    /**
     * A daemon on loopback TCP that requires {@code token} as a bearer token on every request.
     *
     * @throws IllegalArgumentException if the address is not a loopback address
     */
    public static DaemonHttpServer onLoopbackTcp(
            InetSocketAddress address, byte[] token, DaemonApi api, String version, InstantSource clock) {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the TCP transport listens on loopback only, not " + address);
        }
        return new DaemonHttpServer(
                new Listener.LoopbackTcp(address), api, new Admission.BearerToken(token.clone()), version, clock);
    }

    /** {@link #onLoopbackTcp} with other limits than the defaults (tests). */
    static DaemonHttpServer onLoopbackTcp(
            InetSocketAddress address, byte[] token, DaemonApi api, TcpConnectionLimits limits, InstantSource clock) {
        return new DaemonHttpServer(
                new Listener.LoopbackTcp(address),
                api,
                new Admission.BearerToken(token.clone()),
                "test",
                clock,
                limits);
    }

    /** This process's user id, the only one a Unix-socket daemon serves; empty where there is none (Windows). */
    public static OptionalLong currentUid() {
        try {
            return OptionalLong.of(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (LinkageError | RuntimeException notUnix) {
            return OptionalLong.empty();
        }
    }

    /** Whether a daemon answers HTTP on {@code socket}: only then is it alive and must not be replaced. */
    public static boolean isAnswering(Path socket) {
        if (!java.nio.file.Files.exists(socket)) {
            return false;
        }
        try (var probe = org.newsclub.net.unix.AFUNIXSocket.newInstance()) {
            probe.connect(org.newsclub.net.unix.AFUNIXSocketAddress.of(socket), 2000);
            probe.setSoTimeout(2000);
            probe.getOutputStream()
                    .write("GET /status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return probe.getInputStream().read() != -1;
        } catch (java.io.IOException nobodyThere) {
            return false;
        }
    }

    /** Binds the socket (mode 600) and starts serving. */
    public void start() throws Exception {
        server.start();
    }

    /** Stops accepting, lets active requests finish (10 s at most), removes the socket file. */
    @Override
    @SuppressWarnings("try") // Jetty's stop may be interrupted; callers run it on shutdown paths
    public void close() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * When ({@link System#nanoTime}) the last request ended, or the server was made if none has
     * been served; empty while one is being served. The daemon tidies its memory once this lies
     * far enough back.
     */
    public OptionalLong idleSinceNanos() {
        return handler.idleSinceNanos();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** The socket file, for a daemon on a Unix socket. */
    public Path socketPath() {
        if (listener instanceof Listener.UnixSocket unix) {
            return unix.path();
        }
        if (listener instanceof Listener.InheritedUnixSocket inherited) {
            return inherited.path();
        }
        throw new IllegalStateException("this daemon listens on TCP");
    }

    /** The port actually bound, for a daemon on TCP (useful when it was asked for port 0). */
    public int tcpPort() {
        if (connector instanceof ServerConnector tcp) {
            return tcp.getLocalPort();
        }
        throw new IllegalStateException("this daemon listens on a Unix socket");
    }
}
