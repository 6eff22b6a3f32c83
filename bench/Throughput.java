import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * bin/bench's daemon throughput: keep-alive HTTP/1.1 clients over a Unix socket, and the floor to
 * compare with, a raw Unix-socket server that answers every request with a fixed response.
 *
 *   java Throughput.java echo SOCKET
 *       serves until killed
 *   java Throughput.java load SOCKET CLIENTS SECONDS METHOD TARGET [BODY]
 *       prints "requests=N seconds=S rps=R p50_ms=A p99_ms=B errors=E"
 *
 * JDK only, so that it measures the daemon and not a client library.
 */
public final class Throughput {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "echo" -> echo(Path.of(args[1]));
            case "load" -> load(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]),
                    args[4], args[5], args.length > 6 ? args[6] : "");
            default -> throw new IllegalArgumentException("echo or load");
        }
    }

    // ---- the floor: a selector loop that answers each request head with a fixed response ----

    private static final byte[] FIXED = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
            + "{\"value\":\"echo\"}\n").getBytes(StandardCharsets.US_ASCII);

    private static void echo(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel client = server.accept();
                        if (client != null) {
                            client.configureBlocking(false);
                            client.register(selector, SelectionKey.OP_READ, new Pending());
                        }
                    } else if (key.isReadable()) {
                        serve((SocketChannel) key.channel(), (Pending) key.attachment(), key);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    /** What a connection has read of its current request head, and its body still to skip. */
    private static final class Pending {
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    }

    private static void serve(SocketChannel client, Pending pending, SelectionKey key) throws IOException {
        int read;
        try {
            read = client.read(pending.in);
        } catch (IOException reset) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            client.close();
            return;
        }
        // answer every complete request (head plus Content-Length body) in the buffer
        while (true) {
            byte[] buf = pending.in.array();
            int limit = pending.in.position();
            int end = headEnd(buf, limit);
            if (end < 0) {
                return;
            }
            end += contentLength(buf, end);
            if (limit < end) {
                return;
            }
            ByteBuffer out = ByteBuffer.wrap(FIXED);
            while (out.hasRemaining()) {
                client.write(out);
            }
            System.arraycopy(buf, end, buf, 0, limit - end);
            pending.in.position(limit - end);
        }
    }

    // ---- the load: CLIENTS threads, each one keep-alive connection, for SECONDS ----

    private static void load(Path socket, int clients, double seconds, String method, String target, String body)
            throws Exception {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] request = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                        + (content.length > 0 ? "Content-Type: application/json\r\n" : "")
                        + "Content-Length: " + content.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        var stop = new AtomicBoolean();
        var latencies = new ArrayList<long[]>();
        var counts = new long[clients];
        var errors = new long[clients];
        var ready = new CountDownLatch(clients);
        var threads = new ArrayList<Thread>();
        // warm-up of one second is not counted: each client starts timing when the clock says so
        long warmUpNanos = 1_000_000_000L;
        long start = System.nanoTime();
        long measureFrom = start + warmUpNanos;
        long measureTo = measureFrom + (long) (seconds * 1e9);
        for (int c = 0; c < clients; c++) {
            int me = c;
            long[] mine = new long[1_000_000];
            latencies.add(mine);
            Thread thread = Thread.ofPlatform().start(() -> {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    ready.countDown();
                    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= measureTo) {
                            break;
                        }
                        ByteBuffer out = ByteBuffer.wrap(request);
                        while (out.hasRemaining()) {
                            channel.write(out);
                        }
                        int status = readOne(channel, in);
                        long after = System.nanoTime();
                        if (before >= measureFrom) {
                            if (status != 200) {
                                errors[me]++;
                            }
                            if (counts[me] < mine.length) {
                                mine[(int) counts[me]] = after - before;
                            }
                            counts[me]++;
                        }
                    }
                } catch (IOException failed) {
                    errors[me]++;
                    ready.countDown();
                }
            });
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            int n = (int) Math.min(counts[c], latencies.get(c).length);
            System.arraycopy(latencies.get(c), 0, all, at, n);
            at += n;
        }
        long[] sorted = Arrays.copyOf(all, at);
        Arrays.sort(sorted);
        double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
        double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
        System.out.printf(Locale.ROOT, "requests=%d seconds=%.1f rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
                total, seconds, total / seconds, p50, p99, Arrays.stream(errors).sum());
    }

    /** Where the head ends (the index after its blank line) in buf[0, limit), or -1. */
    private static int headEnd(byte[] buf, int limit) {
        for (int i = 3; i < limit; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The Content-Length of the head in buf[0, end), or 0. */
    private static int contentLength(byte[] buf, int end) {
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        int at = head.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int lineEnd = head.indexOf("\r\n", at + 2);
        return Integer.parseInt(head.substring(at + 17, lineEnd).trim());
    }

    /** Reads one answer (head plus Content-Length body) and returns its status. */
    private static int readOne(SocketChannel channel, ByteBuffer in) throws IOException {
        while (true) {
            byte[] buf = in.array();
            int limit = in.position();
            int end = headEnd(buf, limit);
            if (end >= 0) {
                int whole = end + contentLength(buf, end);
                if (limit >= whole) {
                    int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
                    System.arraycopy(buf, whole, buf, 0, limit - whole);
                    in.position(limit - whole);
                    return status;
                }
            }
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection");
            }
        }
    }
}
