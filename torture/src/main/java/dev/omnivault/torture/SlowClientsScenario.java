package dev.omnivault.torture;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Connections that send half a request and stall: other clients are still served at their usual
 * latency, and auto-lock still fires on time.
 */
final class SlowClientsScenario implements Scenario {

    private static final int SAMPLES = 100;
    private static final int AUTO_LOCK_SECONDS = 3;

    private final int stalled;

    SlowClientsScenario(int stalled) {
        this.stalled = stalled;
    }

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        try (Daemon daemon = bench.startInitialised("slow", "--auto-lock", AUTO_LOCK_SECONDS + "s")) {
            daemon.http().request("PUT", "/secret/slow/a", "{\"value\":\"x\"}");
            long[] before = latencies(daemon);
            var connections = new ArrayList<SocketChannel>();
            try {
                for (int i = 0; i < stalled; i++) {
                    SocketChannel channel = daemon.http().open();
                    channel.write(ByteBuffer.wrap(
                            "PUT /secret/slow/b HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII)));
                    connections.add(channel);
                }
                // The last activity that resets the idle timer; status requests do not (SPEC §6).
                daemon.http().get("/secret/slow/a");
                long activity = System.nanoTime();
                long[] during = latencies(daemon);
                double lockedAfter = -1;
                while ((System.nanoTime() - activity) / 1e9 < AUTO_LOCK_SECONDS + 10) {
                    if ("true".equals(Json.member(daemon.http().get("/status").body(), "locked"))) {
                        lockedAfter = (System.nanoTime() - activity) / 1e9;
                        break;
                    }
                    Thread.sleep(100);
                }
                double ratio = (double) median(during) / median(before);
                return List.of(
                        Figure.info(name(), "stalled connections", Integer.toString(connections.size())),
                        Figure.info(
                                name(),
                                "status p50 alone / with them",
                                String.format(
                                        Locale.ROOT, "%.2f / %.2f ms", median(before) / 1e6, median(during) / 1e6)),
                        new Figure(
                                name(),
                                "status p50 with them / alone",
                                String.format(Locale.ROOT, "%.2f", ratio),
                                "<= 3",
                                ratio <= 3 ? Figure.Verdict.OK : Figure.Verdict.FAIL),
                        new Figure(
                                name(),
                                "auto-lock (" + AUTO_LOCK_SECONDS + "s) fired after",
                                lockedAfter < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", lockedAfter),
                                AUTO_LOCK_SECONDS + "-" + (AUTO_LOCK_SECONDS + 2) + " s",
                                lockedAfter >= AUTO_LOCK_SECONDS - 0.2 && lockedAfter <= AUTO_LOCK_SECONDS + 2
                                        ? Figure.Verdict.OK
                                        : Figure.Verdict.FAIL));
            } finally {
                for (SocketChannel connection : connections) {
                    connection.close();
                }
            }
        }
    }

    private static long[] latencies(Daemon daemon) throws java.io.IOException {
        long[] samples = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            daemon.http().get("/status");
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples;
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }
}
