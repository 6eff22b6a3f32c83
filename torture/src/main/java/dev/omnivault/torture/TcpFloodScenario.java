package dev.omnivault.torture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A TCP daemon (any local user can reach loopback) under a flood: hundreds of connections that
 * trickle a request head one byte at a time, more than the connection cap. The owner's
 * {@code status} (with the token) must stay within the slow-client goal of its latency alone, and
 * the daemon must shed the flood (by its head deadline and its cap).
 */
final class TcpFloodScenario implements Scenario {

    private final int connections;

    TcpFloodScenario(int connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "tcp-flood";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        int port = Workbench.freeLoopbackPort();
        Path home = bench.startTcpDaemon("tcp-flood", port);
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        String token = Files.readString(home.resolve("omnivaultd.token")).strip();
        var flood = new ArrayList<Socket>();
        long shed = 0;
        long failed = 0;
        double alone;
        double during;
        try {
            alone = medianStatusMillis(address, token, 40);
            for (int i = 0; i < connections; i++) {
                var socket = new Socket();
                socket.connect(address, 2000);
                flood.add(socket);
            }
            byte[] head = "GET /status HTTP/1.1\r\nHost: localhost\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII);
            var samples = new ArrayList<Double>();
            long until = System.nanoTime() + 12_000_000_000L;
            for (int round = 0; System.nanoTime() < until; round++) {
                for (Socket socket : flood) {
                    if (socket.isClosed()) {
                        continue;
                    }
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(head[round % head.length]);
                        out.flush();
                    } catch (IOException closedByTheDaemon) {
                        socket.close();
                        shed++;
                    }
                }
                // sampled between the flood's bytes, as the slow-client scenario samples beside its stalls
                Thread.sleep(100);
                for (int sample = 0; sample < 3; sample++) {
                    try {
                        samples.add(statusMillis(address, token));
                    } catch (IOException | IllegalStateException unanswered) {
                        failed++;
                    }
                }
                Thread.sleep(100);
            }
            during = median(samples);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
            bench.cli(home, "daemon", "stop");
        }
        double ratio = during / Math.max(alone, 0.001);
        return List.of(
                Figure.info(
                        name(), "trickling connections (cap 256, head deadline 10 s)", Integer.toString(connections)),
                Figure.info(name(), "flood connections the daemon closed", Long.toString(shed)),
                Figure.zero(name(), "owner's status requests unanswered", failed),
                Figure.info(
                        name(),
                        "owner's status p50 alone / during the flood",
                        String.format(Locale.ROOT, "%.2f / %.2f ms", alone, during)),
                new Figure(
                        name(),
                        "owner's status p50 during / alone",
                        String.format(Locale.ROOT, "%.2f", ratio),
                        "<= 3",
                        ratio <= 3 ? Figure.Verdict.OK : Figure.Verdict.FAIL));
    }

    private static double medianStatusMillis(InetSocketAddress address, String token, int count) throws Exception {
        var samples = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            samples.add(statusMillis(address, token));
        }
        return median(samples);
    }

    /** One {@code GET /status} with the token, on a new connection: its latency in ms. */
    private static double statusMillis(InetSocketAddress address, String token) throws IOException {
        long start = System.nanoTime();
        try (var socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /status HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            if (!new String(answer, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("status was not answered 200");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
