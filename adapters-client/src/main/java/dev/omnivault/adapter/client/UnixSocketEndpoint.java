package dev.omnivault.adapter.client;

import dev.omnivault.application.port.in.DaemonUnavailableException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Unix socket, through the JDK's own Unix-domain channels (no native library to unpack and
 * load on each CLI call). Non-blocking with a selector, so a daemon that stops answering costs
 * at most {@link Endpoint#TIMEOUT_MILLIS}, as on TCP.
 */
record UnixSocketEndpoint(Path socket) implements Endpoint {
    @Override
    public Connection connect() throws IOException {
        if (!Files.exists(socket)) {
            throw new DaemonUnavailableException("no daemon socket at " + socket);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
        } catch (IOException refused) {
            channel.close();
            throw new DaemonUnavailableException("no daemon answers on " + socket);
        }
        return new ChannelConnection(channel);
    }

    @Override
    public byte[] credentials() {
        return new byte[0]; // the daemon checks the peer's user on the socket itself
    }

    /**
     * The socket and its directory must be the user's, and the process at the other end must
     * run as the user (SO_PEERCRED): so no other user's process can pose as the daemon.
     */
    @Override
    public void authenticate(Connection connection) throws IOException {
        if (!Endpoint.posix()) {
            return;
        }
        for (Path owned : List.of(socket, socket.toAbsolutePath().getParent())) {
            String owner = Files.getOwner(owned, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    .getName();
            if (!owner.equals(Endpoint.me())) {
                throw new IllegalStateException(owned + " belongs to " + owner + ", not to " + Endpoint.me()
                        + "; the process answering on " + socket + " is not this vault's daemon");
            }
        }
        String peer = ((ChannelConnection) connection).peerUser();
        if (!peer.equals(Endpoint.me())) {
            throw new IllegalStateException(
                    "the process answering on " + socket + " is not this vault's daemon (it runs as " + peer + ")");
        }
    }
}
