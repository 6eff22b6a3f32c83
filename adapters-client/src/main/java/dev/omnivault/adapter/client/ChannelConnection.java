package dev.omnivault.adapter.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

final class ChannelConnection implements Connection {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    ChannelConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        try {
            this.selector = Selector.open();
            this.key = channel.register(selector, 0);
        } catch (IOException failed) {
            channel.close();
            throw failed;
        }
    }

    @Override
    public void send(byte[] request) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(request);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /** The user the process at the other end runs as, from the kernel (SO_PEERCRED). */
    String peerUser() throws IOException {
        return channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED)
                .user()
                .getName();
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer);
        int read = channel.read(into);
        while (read == 0) {
            await(SelectionKey.OP_READ);
            read = channel.read(into);
        }
        return read;
    }

    private void await(int operation) throws IOException {
        key.interestOps(operation);
        if (selector.select(Endpoint.TIMEOUT_MILLIS) == 0) {
            throw new SocketTimeoutException("no answer within " + Endpoint.TIMEOUT_MILLIS / 1000 + " s");
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            selector.close();
        }
    }
}
