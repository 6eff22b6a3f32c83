package dev.omnivault.torture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients at once, each doing a mix of set, get, delete and list on its own paths (so it
 * knows what each read must return) and reading a shared set of paths: no lost update, no error.
 */
final class ConcurrencyScenario implements Scenario {

    private final int clients;
    private final int operations;

    ConcurrencyScenario(int clients, int operations) {
        this.clients = clients;
        this.operations = operations;
    }

    @Override
    public String name() {
        return "concurrency";
    }

    /** Counts an error; the first few are shown on stderr. */
    /** The daemon under test, for the thread dump taken at the first unanswered request. */
    private static volatile @org.jspecify.annotations.Nullable Daemon underTest;

    private static void error(AtomicLong errors, String what, Http.Reply reply) {
        Daemon daemon = underTest;
        if (reply.status() == 0 && daemon != null) {
            underTest = null;
            dumpThreads(daemon);
        }
        if (errors.incrementAndGet() <= 5) {
            System.err.println("concurrency: " + what + " -> " + reply.status() + " "
                    + reply.body().strip());
        }
    }

    /** On the first request that got no answer, the daemon's threads (virtual ones too) go to a file. */
    private static void dumpThreads(Daemon daemon) {
        Path file = daemon.home().resolveSibling("concurrency-threads-" + daemon.pid() + ".json");
        try {
            Path kept = Path.of(
                    System.getProperty("java.io.tmpdir"), file.getFileName().toString());
            new ProcessBuilder(
                            Workbench.JCMD.toString(),
                            Long.toString(daemon.pid()),
                            "Thread.dump_to_file",
                            "-format=json",
                            kept.toString())
                    .redirectErrorStream(true)
                    .start()
                    .waitFor();
            System.err.println("concurrency: daemon threads dumped to " + kept);
        } catch (java.io.IOException | InterruptedException failed) {
            System.err.println("concurrency: could not dump the daemon's threads: " + failed.getMessage());
        }
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        try (Daemon daemon = bench.startInitialised("concurrency")) {
            underTest = daemon;
            for (int i = 0; i < 10; i++) {
                daemon.http().request("PUT", "/secret/shared/s" + i, "{\"value\":\"shared-" + i + "\"}");
            }
            var lostUpdates = new AtomicLong();
            var errors = new AtomicLong();
            long[][] latencies = new long[clients][operations];
            var threads = new ArrayList<Thread>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().start(() -> {
                    var random = new Random(bench.seed() + client);
                    Map<String, String> mine = new HashMap<>();
                    for (int op = 0; op < operations; op++) {
                        String path = "c" + client + "/p" + random.nextInt(5);
                        int kind = random.nextInt(100);
                        long began = System.nanoTime();
                        try {
                            if (kind < 40) {
                                String value = "v" + client + "-" + op;
                                var reply = daemon.http()
                                        .request("PUT", "/secret/" + path, "{\"value\":\"" + value + "\"}");
                                if (reply.status() == 200) {
                                    mine.put(path, value);
                                } else {
                                    error(errors, "PUT " + path, reply);
                                }
                            } else if (kind < 70) {
                                var reply = daemon.http().get("/secret/" + path);
                                String expected = mine.get(path);
                                if (expected == null ? reply.status() != 404 : reply.status() != 200) {
                                    lostUpdates.incrementAndGet();
                                } else if (expected != null) {
                                    var json = Json.object(reply.body());
                                    if (json == null || !expected.equals(json.get("value"))) {
                                        lostUpdates.incrementAndGet();
                                    }
                                }
                            } else if (kind < 80) {
                                var reply = daemon.http().request("DELETE", "/secret/" + path, "");
                                if (reply.status() == 200 || reply.status() == 404 && !mine.containsKey(path)) {
                                    mine.remove(path);
                                } else {
                                    error(errors, "DELETE " + path, reply);
                                }
                            } else if (kind < 90) {
                                var reply = daemon.http().get("/secret/shared/s" + random.nextInt(10));
                                if (reply.status() != 200) {
                                    error(errors, "GET shared", reply);
                                }
                            } else {
                                var reply = daemon.http().get("/secrets?prefix=c" + client + "/");
                                if (reply.status() != 200) {
                                    error(errors, "GET /secrets", reply);
                                }
                            }
                        } catch (java.io.IOException failed) {
                            error(errors, "connection", new Http.Reply(0, "", String.valueOf(failed.getMessage())));
                        }
                        latencies[client][op] = System.nanoTime() - began;
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies)
                    .flatMapToLong(Arrays::stream)
                    .sorted()
                    .toArray();
            return List.of(
                    Figure.info(name(), "clients x operations", clients + " x " + operations),
                    Figure.zero(name(), "lost updates", lostUpdates.get()),
                    Figure.zero(name(), "errors", errors.get()),
                    Figure.info(name(), "throughput", String.format(Locale.ROOT, "%.0f req/s", all.length / seconds)),
                    Figure.info(
                            name(),
                            "latency p50 / p99 / max",
                            String.format(
                                    Locale.ROOT,
                                    "%.1f / %.1f / %.0f ms",
                                    all[all.length / 2] / 1e6,
                                    all[(int) (all.length * 0.99)] / 1e6,
                                    all[all.length - 1] / 1e6)));
        }
    }
}
