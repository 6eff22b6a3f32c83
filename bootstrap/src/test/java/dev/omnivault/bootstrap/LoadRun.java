package dev.omnivault.bootstrap;

import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load on a running daemon: N clients, each on its own connections, doing a mix of set
 * (50%), get (35%) and list (15%) for a fixed time. Every acknowledged write is then read back to
 * count lost updates. Run from {@code bin/load-daemon} (10 s) and, shorter, from the tests.
 */
public final class LoadRun {

    /** What a run measured. */
    public record Result(
            long requests,
            long errors,
            long lostUpdates,
            double seconds,
            double p50Millis,
            double p99Millis,
            List<String> firstErrors) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "%,d requests in %.1f s = %,.0f req/s; p50 %.2f ms, p99 %.2f ms; errors %d; lost updates %d%s",
                    requests,
                    seconds,
                    perSecond(),
                    p50Millis,
                    p99Millis,
                    errors,
                    lostUpdates,
                    firstErrors.isEmpty() ? "" : "; first errors: " + firstErrors);
        }
    }

    private LoadRun() {}

    public static Result run(Path socket, int clients, Duration duration) throws Exception {
        var client = new UnixHttpClient(socket);
        var acknowledged = new ConcurrentHashMap<String, String>();
        var errors = new AtomicLong();
        var firstErrors = java.util.Collections.synchronizedList(new ArrayList<String>());
        var latencies = new ArrayList<long[]>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            threads.add(Thread.ofPlatform().start(() -> {
                var random = new Random(id);
                Map<String, Integer> versions = new HashMap<>();
                int n = 0;
                while (System.nanoTime() < end && n < samples.length) {
                    int pick = random.nextInt(100);
                    long t0 = System.nanoTime();
                    try {
                        UnixHttpClient.Reply reply;
                        if (pick < 50 || versions.isEmpty()) {
                            String key = "load/c" + id + "/k" + random.nextInt(20);
                            int version = versions.merge(key, 1, Integer::sum);
                            String value = key + "#" + version;
                            reply = client.request("PUT", "/secret/" + key, "{\"value\":\"" + value + "\"}");
                            if (reply.status() == 200) {
                                acknowledged.put(key, value);
                            }
                        } else if (pick < 85) {
                            var keys = new ArrayList<>(versions.keySet());
                            reply = client.get("/secret/" + keys.get(random.nextInt(keys.size())));
                        } else {
                            reply = client.get("/secrets?prefix=load/c" + id + "/");
                        }
                        if (reply.status() != 200) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(reply.status() + " " + reply.body());
                            }
                        }
                    } catch (Exception failed) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(failed.toString());
                        }
                    }
                    samples[n++] = System.nanoTime() - t0;
                }
                samples[samples.length - 1] = n;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        long lost = 0;
        for (var entry : acknowledged.entrySet()) {
            var reply = client.get("/secret/" + entry.getKey());
            if (reply.status() != 200 || !reply.body().contains("\"value\":\"" + entry.getValue() + "\"")) {
                lost++;
            }
        }
        List<Long> all = new ArrayList<>();
        for (long[] samples : latencies) {
            int n = (int) samples[samples.length - 1];
            for (int i = 0; i < n; i++) {
                all.add(samples[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(
                sorted.length,
                errors.get(),
                lost,
                seconds,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6,
                sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.99)] / 1e6,
                List.copyOf(firstErrors));
    }

    /** {@code bin/load-daemon}: a fresh daemon in a temporary home, initialised, then loaded. */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Path home = Files.createTempDirectory("ovload").resolve("home");
        try (var daemon = DaemonProcess.start(home)) {
            daemon.client().request("POST", "/init", "{\"password\":\"correct horse battery\"}");
            System.out.println(clients + " clients, " + duration.toSeconds()
                    + " s, mixed set 50% / get 35% / list 15%, one connection per request:");
            System.out.println(run(daemon.socket(), clients, duration));
        }
    }
}
