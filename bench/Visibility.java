import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * bin/bench's visibility across daemons: how long after daemon A acknowledges a write daemon B
 * answers with it. Each round PUTs a fresh value on A, then GETs it from B every millisecond
 * until B shows it (B is never written to: it hears of the change by itself).
 *
 *   java Visibility.java SOCKET_A SOCKET_B ROUNDS
 *       prints "rounds=N p50_ms=A p99_ms=B max_ms=C unseen=U"
 *
 * JDK only, one keep-alive connection per daemon.
 */
public final class Visibility {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[2]);
        try (var a = new Connection(Path.of(args[0]));
                var b = new Connection(Path.of(args[1]))) {
            double[] millis = new double[rounds];
            int unseen = 0;
            for (int round = 0; round < rounds; round++) {
                String value = "seen-" + round + "-" + System.nanoTime();
                String put = a.request("PUT", "/secret/bench/visible", "{\"value\":\"" + value + "\"}");
                if (!put.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException("the write on A failed: " + put);
                }
                long acknowledged = System.nanoTime();
                long deadline = acknowledged + 10_000_000_000L;
                boolean seen = false;
                while (System.nanoTime() < deadline) {
                    if (b.request("GET", "/secret/bench/visible", "").contains(value)) {
                        seen = true;
                        break;
                    }
                    Thread.sleep(1);
                }
                millis[round] = (System.nanoTime() - acknowledged) / 1e6;
                if (!seen) {
                    unseen++;
                }
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "rounds=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f unseen=%d%n", rounds,
                    millis[rounds / 2], millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)],
                    millis[rounds - 1], unseen);
        }
    }

    /** One keep-alive HTTP/1.1 connection over a Unix socket; answers are read by Content-Length. */
    static final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Connection(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        }

        String request(String method, String target, String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the daemon closed the connection");
                }
                head.append((char) next);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
