package dev.omnivault.torture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately plain HTTP/1.1 client over the daemon's Unix socket (the JDK's own channel): one
 * request per connection, sent as given, the answer read to EOF. It never fixes a request up.
 */
final class Http {

    /** What came back: a status of 0 means the connection closed without an HTTP answer. */
    record Reply(int status, String head, String body) {
        boolean answered() {
            return status > 0;
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("http-watchdog").factory());
    private static final long TIMEOUT_SECONDS = 10;

    private final Path socket;

    Http(Path socket) {
        this.socket = socket;
    }

    Reply request(String method, String target, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[start.length + content.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(content, 0, request, start.length, content.length);
        return exchange(request, false);
    }

    Reply get(String target) throws IOException {
        return request("GET", target, "");
    }

    /** Opens a connection and leaves it to the caller (for clients that stall). */
    SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    /**
     * Sends the bytes as they are (the server may stop reading early), half-closes so that a
     * request cut short ends here rather than at the daemon's idle timeout, then reads to EOF.
     */
    Reply raw(byte[] request) throws IOException {
        return exchange(request, true);
    }

    /** One exchange; well-formed requests are sent as an ordinary client does, without a half-close. */
    private Reply exchange(byte[] request, boolean halfClose) throws IOException {
        try (SocketChannel channel = open()) {
            var watchdog = WATCHDOG.schedule(
                    () -> {
                        try {
                            channel.close();
                        } catch (IOException ignored) {
                            // closing is all the watchdog does
                        }
                    },
                    TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            try {
                var out = ByteBuffer.wrap(request);
                try {
                    while (out.hasRemaining()) {
                        channel.write(out);
                    }
                    if (halfClose) {
                        channel.shutdownOutput();
                    }
                } catch (IOException peerStoppedReading) {
                    // its answer, if any, is waiting to be read
                }
                var received = new ByteArrayOutputStream();
                var in = ByteBuffer.allocate(16384);
                try {
                    while (channel.read(in) > 0) {
                        received.write(in.array(), 0, in.position());
                        in.clear();
                    }
                } catch (IOException reset) {
                    // what arrived before the reset still counts
                }
                return parse(received.toByteArray());
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    static Reply parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            return new Reply(0, "", text);
        }
        String head = text.substring(0, headEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        String body = text.substring(headEnd + 4);
        if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Reply(status, head, body);
    }

    private static String dechunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return out.toString();
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0 || lineEnd + 2 + size > chunked.length()) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
