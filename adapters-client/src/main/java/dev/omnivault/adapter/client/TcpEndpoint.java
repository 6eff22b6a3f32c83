package dev.omnivault.adapter.client;

import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.protocol.Answers;
import dev.omnivault.protocol.DaemonProof;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

record TcpEndpoint(InetSocketAddress address, Path tokenFile) implements Endpoint {
    @Override
    public Connection connect() throws IOException {
        var connection = new Socket();
        try {
            connection.connect(address, Endpoint.TIMEOUT_MILLIS);
            return new SocketConnection(connection);
        } catch (IOException refused) {
            connection.close();
            throw new DaemonUnavailableException("no daemon answers on " + address);
        }
    }

    /** The token from its file (which must be private), without a line end; the caller zeroes it. */
    private byte[] token() throws IOException {
        byte[] token;
        try {
            Endpoint.requirePrivate(tokenFile);
            token = Files.readAllBytes(tokenFile);
        } catch (java.nio.file.NoSuchFileException missing) {
            throw new DaemonUnavailableException("no daemon token at " + tokenFile);
        }
        int length = token.length;
        while (length > 0 && (token[length - 1] == '\n' || token[length - 1] == '\r')) {
            length--;
        }
        byte[] trimmed = Arrays.copyOf(token, length);
        Arrays.fill(token, (byte) 0);
        return trimmed;
    }

    /**
     * Asks whoever holds the port to prove it knows the token (an HMAC of a fresh nonce under
     * it), on the same connection and before the token is sent: a process that took the port
     * first learns nothing.
     */
    @Override
    public void authenticate(Connection connection) throws IOException {
        byte[] nonce = new byte[DaemonProof.NONCE_BYTES];
        new java.security.SecureRandom().nextBytes(nonce);
        byte[] token = token();
        try {
            connection.send(("GET /challenge?nonce=" + java.util.HexFormat.of().formatHex(nonce)
                            + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String proof = "";
            try {
                proof = SocketVaultClient.read(HttpAnswer.body(connection.receiveOne()), Answers::proof);
            } catch (RuntimeException | IOException noProof) {
                // an impostor's answer, or none: the check below fails
            }
            byte[] offered;
            try {
                offered = java.util.HexFormat.of().parseHex(proof);
            } catch (IllegalArgumentException notHex) {
                offered = new byte[0];
            }
            if (!DaemonProof.verifies(token, nonce, offered)) {
                throw new IllegalStateException("the process answering on " + address.getHostString() + ":"
                        + address.getPort() + " is not this vault's daemon");
            }
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    @Override
    public byte[] credentials() throws IOException {
        byte[] token = token();
        int length = token.length;
        byte[] prefix = "Authorization: Bearer ".getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(prefix, prefix.length + length + 2);
        System.arraycopy(token, 0, line, prefix.length, length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        Arrays.fill(token, (byte) 0);
        return line;
    }
}
