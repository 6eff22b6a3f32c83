package dev.omnivault.torture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return parse(exchange(request, false));
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
    List<Reply> raw(byte[] request) throws IOException {
        return parseAll(exchange(request, true), startsWith(request, "HEAD "));
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return new String(bytes, 0, Math.min(prefix.length(), bytes.length), StandardCharsets.ISO_8859_1)
                .equals(prefix);
    }

    /** One exchange; well-formed requests are sent as an ordinary client does, without a half-close. */
    private byte[] exchange(byte[] request, boolean halfClose) throws IOException {
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
                return received.toByteArray();
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    /** The first answer in {@code bytes} (a status of 0 when there is none). */
    static Reply parse(byte[] bytes) {
        List<Reply> all = parseAll(bytes, false);
        return all.isEmpty() ? new Reply(0, "", "") : all.getFirst();
    }

    /**
     * Every answer in {@code bytes}, in order: a client that sends two requests on one connection
     * (pipelining, or a body the server did not expect) gets two answers. Each body is cut at its
     * Content-Length or last chunk; the first has none when it answers a HEAD. Bytes that do not
     * start an answer end the list with a status-0 reply holding them.
     */
    static List<Reply> parseAll(byte[] bytes, boolean firstAnswersHead) {
        var replies = new ArrayList<Reply>();
        int at = 0;
        while (at < bytes.length) {
            String rest = new String(bytes, at, bytes.length - at, StandardCharsets.ISO_8859_1);
            int headEnd = rest.indexOf("\r\n\r\n");
            if (!rest.startsWith("HTTP/1.1 ")
                    || headEnd < 0
                    || !isStatus(rest.substring(9, Math.min(12, rest.length())))) {
                replies.add(new Reply(0, "", utf8(bytes, at, bytes.length)));
                break;
            }
            String head = rest.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = at + headEnd + 4;
            String lowerHead = head.toLowerCase(Locale.ROOT);
            boolean noBody = (replies.isEmpty() && firstAnswersHead) || status == 204 || status == 304 || status < 200;
            int length = contentLength(lowerHead);
            String body;
            int next;
            if (noBody) {
                body = "";
                next = bodyStart;
            } else if (lowerHead.contains("\r\ntransfer-encoding: chunked")) {
                var out = new StringBuilder();
                next = dechunk(bytes, bodyStart, out);
                body = out.toString();
            } else if (length >= 0) {
                next = Math.min(bytes.length, bodyStart + length);
                body = utf8(bytes, bodyStart, next);
            } else {
                next = bytes.length;
                body = utf8(bytes, bodyStart, next);
            }
            replies.add(new Reply(status, head, body));
            at = next;
        }
        return replies;
    }

    private static boolean isStatus(String digits) {
        return digits.length() == 3 && digits.chars().allMatch(Character::isDigit);
    }

    private static int contentLength(String lowerHead) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                try {
                    return Integer.parseInt(line.substring(15).trim());
                } catch (NumberFormatException malformed) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String utf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /** Appends the chunks' data from {@code at} to {@code out}; returns where the message ends. */
    private static int dechunk(byte[] bytes, int at, StringBuilder out) {
        var data = new ByteArrayOutputStream();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                out.append(data.toString(StandardCharsets.UTF_8));
                return bytes.length;
            }
            int size;
            try {
                size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
            } catch (NumberFormatException malformed) {
                out.append(data.toString(StandardCharsets.UTF_8));
                return bytes.length;
            }
            if (size == 0) {
                out.append(data.toString(StandardCharsets.UTF_8));
                int end = text.indexOf("\r\n\r\n", lineEnd);
                return end < 0 ? bytes.length : end + 4;
            }
            if (lineEnd + 2 + size > bytes.length) {
                data.write(bytes, lineEnd + 2, bytes.length - lineEnd - 2);
                out.append(data.toString(StandardCharsets.UTF_8));
                return bytes.length;
            }
            data.write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
