package dev.omnivault.adapter.socket;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP/1.1 server on a Unix-domain socket: Jetty 12 on a junixsocket channel, the
 * API of SPEC §3, bounded headers and bodies, idle connections closed after 30 seconds, request
 * handling on virtual threads so that a slow client holds nothing that others need.
 */
public final class DaemonHttpServer implements AutoCloseable {

    /** Idle and slow connections are closed after this long (SPEC §3: 30 s at most). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final UnixSocketConnector connector;

    /**
     * @param ownerUid the only peer uid served; empty serves any peer (tests on systems without
     *     peer credentials only)
     */
    public DaemonHttpServer(
            Path socketPath, DaemonApi api, OptionalLong ownerUid, String version, InstantSource clock) {
        var threads = new QueuedThreadPool(64, 4);
        threads.setName("omnivault-http");
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // Go's net/http decodes %2F in a path, so "/secret/a%2Fb" names "a/b"; the handler then
        // checks the decoded path itself (no '.', '..' or empty segment ever reaches a use case).
        http.setUriCompliance(UriCompliance.from("DEFAULT,AMBIGUOUS_PATH_SEPARATOR"));
        connector = new UnixSocketConnector(server, socketPath, new HttpConnectionFactory(http));
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new ApiHandler(api, ownerUid, version, clock));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(Duration.ofSeconds(10).toMillis());
        server.setStopAtShutdown(false);
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

    public boolean isRunning() {
        return server.isRunning();
    }

    public Path socketPath() {
        return connector.socketPath();
    }
}
