package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;

/** The API on the config directory's Unix socket (mode 600; the peer's uid is checked on every connection). */
final class UnixSocketServer implements DaemonServer {

    private final DaemonPaths paths;
    private final DaemonHttpServer server;

    UnixSocketServer(DaemonPaths paths, DaemonApi api, InstantSource clock) {
        this.paths = paths;
        this.server = DaemonHttpServer.onUnixSocket(
                paths.socket(), api, DaemonHttpServer.currentUid(), Main.version(), clock);
    }

    /** A live socket is never taken over; a dead daemon's socket, PID, token and address files are removed. */
    @Override
    public Optional<String> refusal() throws IOException {
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
    public String where() {
        return "socket=" + paths.socket();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
