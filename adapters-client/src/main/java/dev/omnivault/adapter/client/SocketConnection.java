package dev.omnivault.adapter.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** Loopback TCP: a plain socket with a read timeout. */
final class SocketConnection implements Connection {
    private final Socket socket;

    SocketConnection(Socket socket) {
        this.socket = socket;
    }

    @Override
    public void send(byte[] request) throws IOException {
        socket.setSoTimeout(Endpoint.TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        return socket.getInputStream().read(buffer);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
