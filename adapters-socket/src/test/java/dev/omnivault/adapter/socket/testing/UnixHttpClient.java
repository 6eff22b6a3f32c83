package dev.omnivault.adapter.socket.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A deliberately raw HTTP/1.1 client for the tests: sends exactly the bytes given, reads to EOF. */
public final class UnixHttpClient {

    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private final Path socket;

    public UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    public Reply request(String method, String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (body.isEmpty() && !method.equals("PUT") && !method.equals("POST")
                        ? ""
                        : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n")
                + "\r\n";
        return raw(concat(head.getBytes(StandardCharsets.ISO_8859_1), bytes));
    }

    public Reply get(String target) throws IOException {
        return request("GET", target, "");
    }

    public Reply raw(byte[] request) throws IOException {
        try (AFUNIXSocket connection = AFUNIXSocket.newInstance()) {
            connection.connect(AFUNIXSocketAddress.of(socket));
            connection.setSoTimeout(20_000);
            OutputStream out = connection.getOutputStream();
            out.write(request);
            out.flush();
            return parse(readUntilClosed(connection.getInputStream()));
        }
    }

    /**
     * Sends as much of {@code request} as the server takes, half-closes, then reads its answer: a server may
     * answer early and close while the body is still on its way (the write then fails with a broken
     * pipe). Uses the JDK's own channel, which, unlike junixsocket's, stays readable after that.
     */
    public Reply rawAllowingEarlyAnswer(byte[] request) throws IOException {
        try (var channel = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
            var out = java.nio.ByteBuffer.wrap(request);
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                channel.shutdownOutput(); // a request cut short ends here, not at the idle timeout
            } catch (IOException brokenPipe) {
                // The server stopped reading; its answer, if any, is waiting to be read.
            }
            return parse(readUntilClosed(java.nio.channels.Channels.newInputStream(channel)));
        }
    }

    /** Sends {@code request} as it is to a TCP address and reads the reply to EOF. */
    public static Reply rawTcp(java.net.InetSocketAddress address, String request) throws IOException {
        try (var connection = new java.net.Socket()) {
            connection.connect(address, 5000);
            connection.setSoTimeout(20_000);
            connection.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            connection.getOutputStream().flush();
            return parse(readUntilClosed(connection.getInputStream()));
        }
    }

    /** Reads to EOF; a reset after the answer arrived (the server closed on an unread body) ends it too. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        var received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toByteArray();
    }

    public static Reply parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new AssertionError("no complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(headEnd + 4);
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static String dechunk(String chunked) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            byte[] part = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            out.write(part, 0, size);
            at = lineEnd + 2 + new String(part, 0, size, StandardCharsets.UTF_8).length() + 2;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
