package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalLong;
import jdk.net.ExtendedSocketOptions;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * A Jetty connector on the JDK's own Unix-domain server channel, with the JDK's selector: the
 * same machinery Jetty uses for TCP. (It ran on junixsocket's channels and selector before, and
 * under 64 concurrent clients about one request in 32,000 was never answered; with the JDK's, none
 * in the same load — see the README's Reliability section.) Each accepted connection's peer is
 * read once ({@code SO_PEERCRED}) and carried by its {@link PeerEndPoint}. The socket file gets
 * mode 600 right after bind; the 700 directory around it already keeps other users away during
 * that instant.
 */
final class UnixSocketConnector extends AbstractConnector {

    private final Path socketPath;
    /** A socket handed over already listening (socket activation); null: this connector binds its own. */
    private final @Nullable ServerSocketChannel inherited;

    private final SelectorManager selectors;
    private volatile @Nullable ServerSocketChannel serverChannel;
    /** The daemon's own user and its number, learnt from the socket file it created. */
    private volatile @Nullable UserPrincipal owner;

    private volatile long ownerUid = -1;

    UnixSocketConnector(
            Server server, Path socketPath, @Nullable ServerSocketChannel inherited, ConnectionFactory... factories) {
        super(server, null, null, null, 1, factories);
        this.socketPath = socketPath;
        this.inherited = inherited;
        this.selectors = new PeerSelectorManager(1);
        addBean(selectors, true);
    }

    Path socketPath() {
        return socketPath;
    }

    @Override
    protected void doStart() throws Exception {
        ServerSocketChannel given = inherited;
        ServerSocketChannel channel = given != null ? given : ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (given == null) {
                channel.bind(UnixDomainSocketAddress.of(socketPath), 128);
                if (Files.getFileStore(socketPath.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
                }
            }
            owner = Files.getOwner(socketPath);
            if (Files.getFileStore(socketPath.toAbsolutePath().getParent()).supportsFileAttributeView("unix")) {
                ownerUid = ((Number) Files.getAttribute(socketPath, "unix:uid")).longValue();
            }
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
        channel.configureBlocking(true);
        serverChannel = channel;
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        ServerSocketChannel channel = serverChannel;
        serverChannel = null;
        if (channel != null) {
            // Closing wakes the acceptor thread blocked in accept().
            channel.close();
        }
        super.doStop();
        if (inherited == null) {
            Files.deleteIfExists(socketPath); // an inherited socket's file is its maker's (systemd's)
        }
    }

    @Override
    protected void accept(int acceptorId) throws IOException {
        ServerSocketChannel channel = serverChannel;
        if (channel == null || !channel.isOpen()) {
            throw new IOException("the server socket is closed");
        }
        SocketChannel accepted = channel.accept();
        accepted.configureBlocking(false);
        selectors.accept(accepted);
    }

    @Override
    public @Nullable Object getTransport() {
        return serverChannel;
    }

    /**
     * Who is on the other side. The JDK names the peer's user rather than numbering it: a peer
     * that is the daemon's own user gets the daemon's uid, any other user no uid at all, which
     * the admission check refuses. The JDK does not give the peer's pid.
     */
    private Caller peerOf(SocketChannel channel) {
        try {
            UserPrincipal peer =
                    channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            boolean sameUser = peer.equals(owner) && ownerUid >= 0;
            return new Caller(OptionalLong.empty(), sameUser ? OptionalLong.of(ownerUid) : OptionalLong.empty());
        } catch (IOException | UnsupportedOperationException unavailable) {
            return Caller.unknown();
        }
    }

    private final class PeerSelectorManager extends SelectorManager {

        PeerSelectorManager(int selectorCount) {
            super(UnixSocketConnector.this.getExecutor(), UnixSocketConnector.this.getScheduler(), selectorCount);
        }

        @Override
        protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
            SocketChannel socket = (SocketChannel) channel;
            var endPoint = new PeerEndPoint(socket, selector, key, getScheduler(), peerOf(socket));
            endPoint.setIdleTimeout(getIdleTimeout());
            return endPoint;
        }

        @Override
        public Connection newConnection(SelectableChannel channel, EndPoint endPoint, @Nullable Object attachment) {
            return getDefaultConnectionFactory().newConnection(UnixSocketConnector.this, endPoint);
        }

        @Override
        protected void endPointOpened(EndPoint endPoint) {
            super.endPointOpened(endPoint);
            onEndPointOpened(endPoint);
        }

        @Override
        protected void endPointClosed(EndPoint endPoint) {
            onEndPointClosed(endPoint);
            super.endPointClosed(endPoint);
        }
    }
}
