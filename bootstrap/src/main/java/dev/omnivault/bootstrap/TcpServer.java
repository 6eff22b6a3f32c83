package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.platform.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API on loopback TCP: a fresh bearer token per start, written (with the address actually
 * bound) to files only the owner can read, and only once bound, so a client never sends it to a
 * port someone else holds; both files are removed when it stops.
 */
final class TcpServer implements DaemonServer {

    private final DaemonPaths paths;
    private final InetSocketAddress address;
    private final byte[] token = newToken();
    private final DaemonHttpServer server;
    /** Whether {@link #start} wrote the token and address files (only then does {@link #close} remove them). */
    private boolean announced;

    TcpServer(DaemonPaths paths, InetSocketAddress address, DaemonApi api, InstantSource clock) {
        this.paths = paths;
        this.address = address;
        this.server = DaemonHttpServer.onLoopbackTcp(address, token, api, Main.version(), clock);
    }

    /** Checked before the token is written: a second daemon must not replace the first one's. */
    @Override
    public Optional<String> refusal() {
        if (isListening(address)) {
            return Optional.of(
                    "something already listens on " + Platform.hostAndPort(address) + "; is another daemon running?");
        }
        return Optional.empty();
    }

    @Override
    public void start() throws Exception {
        server.start();
        var bound = new InetSocketAddress(address.getAddress(), server.tcpPort());
        DaemonRunner.writePrivate(
                paths.addressFile(),
                (Platform.hostAndPort(bound) + "\n").getBytes(StandardCharsets.US_ASCII),
                "rw-------");
        announced = true;
        DaemonRunner.writePrivate(paths.tokenFile(), token, "rw-------");
    }

    @Override
    public OptionalLong idleSinceNanos() {
        return server.idleSinceNanos();
    }

    @Override
    public String where() {
        return "address=" + Platform.hostAndPort(address);
    }

    @Override
    public void close() throws Exception {
        try {
            if (announced) {
                // Whatever ended the daemon, clients must not find its endpoint any more.
                Files.deleteIfExists(paths.tokenFile());
                Files.deleteIfExists(paths.addressFile());
            }
        } finally {
            Arrays.fill(token, (byte) 0);
            server.close();
        }
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
}
