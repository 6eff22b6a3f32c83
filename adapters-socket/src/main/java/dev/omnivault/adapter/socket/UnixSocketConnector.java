package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * A Jetty connector on a junixsocket Unix-domain server channel. Jetty's own selector machinery
 * runs the connections; the selectors come from junixsocket's provider (the JDK's cannot select
 * junixsocket channels). Each accepted connection's peer credentials are read once and carried
 * by its {@link PeerEndPoint}. The socket file gets mode 600 right after bind; the 700 directory
 * around it already keeps other users away during that instant.
 */
final class UnixSocketConnector extends AbstractConnector {

    private final Path socketPath;
    private final SelectorManager selectors;
    private volatile @Nullable AFUNIXServerSocketChannel serverChannel;

    UnixSocketConnector(Server server, Path socketPath, ConnectionFactory... factories) {
        super(server, null, null, null, 1, factories);
        this.socketPath = socketPath;
        this.selectors = new PeerSelectorManager(1);
        addBean(selectors, true);
    }

    Path socketPath() {
        return socketPath;
    }

    @Override
    protected void doStart() throws Exception {
        AFUNIXServerSocketChannel channel = AFUNIXServerSocketChannel.open();
        try {
            channel.bind(AFUNIXSocketAddress.of(socketPath), 128);
            if (Files.getFileStore(socketPath.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
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
        AFUNIXServerSocketChannel channel = serverChannel;
        serverChannel = null;
        if (channel != null) {
            // Closing wakes the acceptor thread blocked in accept().
            channel.close();
        }
        super.doStop();
        Files.deleteIfExists(socketPath);
    }

    @Override
    protected void accept(int acceptorId) throws IOException {
        AFUNIXServerSocketChannel channel = serverChannel;
        if (channel == null || !channel.isOpen()) {
            throw new IOException("the server socket is closed");
        }
        AFUNIXSocketChannel accepted = channel.accept();
        accepted.configureBlocking(false);
        selectors.accept(accepted);
    }

    @Override
    public @Nullable Object getTransport() {
        return serverChannel;
    }

    private static Caller peerOf(AFUNIXSocketChannel channel) {
        try {
            AFUNIXSocketCredentials credentials = channel.getPeerCredentials();
            if (credentials == null || credentials.isEmpty()) {
                return Caller.unknown();
            }
            long pid = credentials.getPid();
            long uid = credentials.getUid();
            return new Caller(
                    pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(),
                    uid >= 0 ? OptionalLong.of(uid) : OptionalLong.empty());
        } catch (IOException unavailable) {
            return Caller.unknown();
        }
    }

    private final class PeerSelectorManager extends SelectorManager {

        PeerSelectorManager(int selectorCount) {
            super(UnixSocketConnector.this.getExecutor(), UnixSocketConnector.this.getScheduler(), selectorCount);
        }

        @Override
        protected Selector newSelector() throws IOException {
            return AFUNIXSelectorProvider.provider().openSelector();
        }

        @Override
        protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
            Caller peer = channel instanceof AFUNIXSocketChannel unix ? peerOf(unix) : Caller.unknown();
            var endPoint = new PeerEndPoint((SocketChannel) channel, selector, key, getScheduler(), peer);
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
