package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;

/** The API on the config directory's Unix socket (mode 600; the peer's uid is checked on every connection). */
final class UnixSocketServer implements DaemonServer {

    private final DaemonPaths paths;
    private final DaemonHttpServer server;
    private final Optional<SocketActivation.Handed> handed;

    UnixSocketServer(DaemonPaths paths, DaemonApi api, InstantSource clock) {
        this(paths, api, clock, Optional.empty());
    }

    /** With {@code handed}: serve on the socket systemd made (socket activation) instead of binding one. */
    UnixSocketServer(DaemonPaths paths, DaemonApi api, InstantSource clock, Optional<SocketActivation.Handed> handed) {
        this.paths = paths;
        this.handed = handed;
        this.server = handed.isPresent()
                ? DaemonHttpServer.onInheritedUnixSocket(
                        handed.get().channel(),
                        handed.get().path(),
                        api,
                        DaemonHttpServer.currentUid(),
                        Main.version(),
                        clock)
                : DaemonHttpServer.onUnixSocket(
                        paths.socket(), api, DaemonHttpServer.currentUid(), Main.version(), clock);
    }

    /**
     * A live socket is never taken over; a dead daemon's socket, PID, token and address files are
     * removed. A socket handed over by systemd must be where the CLI looks for it.
     */
    @Override
    public Optional<String> refusal() throws IOException {
        if (handed.isPresent()) {
            if (!handed.get().path().equals(paths.socket().toAbsolutePath())) {
                return Optional.of("systemd handed over the socket "
                        + handed.get().path() + ", but the CLI looks for " + paths.socket()
                        + ": make ListenStream= that path (or set OMNIVAULT_HOME to its directory)");
            }
            Files.deleteIfExists(paths.pidFile());
            return Optional.empty();
        }
        if (DaemonHttpServer.isAnswering(paths.socket())) {
            return Optional.of("a daemon is already running on " + paths.socket());
        }
        // Nothing answers: whatever is there was left by a daemon that died.
        Files.deleteIfExists(paths.socket());
        Files.deleteIfExists(paths.pidFile());
        // A TCP daemon that died left its token: clients would look for it on TCP.
        Files.deleteIfExists(paths.tokenFile());
        Files.deleteIfExists(paths.addressFile());
        return Optional.empty();
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    @Override
    public OptionalLong idleSinceNanos() {
        return server.idleSinceNanos();
    }

    @Override
    public String where() {
        return "socket=" + paths.socket() + (handed.isPresent() ? " (from systemd)" : "");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
