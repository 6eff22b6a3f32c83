package dev.omnivault.torture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wrong passwords as fast as clients can send them: the throttle engages, status stays quick,
 * and the right password still unlocks once the wait it names is over.
 */
final class BruteForceScenario implements Scenario {

    private static final int GUESSERS = 4;

    private final int guesses;

    BruteForceScenario(int guesses) {
        this.guesses = guesses;
    }

    @Override
    public String name() {
        return "bruteforce";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        try (Daemon daemon = bench.startInitialised("bruteforce")) {
            daemon.http().request("POST", "/lock", "");
            var refused = new AtomicLong();
            var wrong = new AtomicLong();
            var other = new AtomicLong();
            var guessers = new ArrayList<Thread>();
            long start = System.nanoTime();
            for (int g = 0; g < GUESSERS; g++) {
                int guesser = g;
                guessers.add(Thread.ofPlatform().start(() -> {
                    for (int i = guesser; i < guesses; i += GUESSERS) {
                        try {
                            int status = daemon.http()
                                    .request("POST", "/unlock", "{\"password\":\"guess number " + i + "\"}")
                                    .status();
                            (status == 429 ? refused : status == 401 ? wrong : other).incrementAndGet();
                        } catch (java.io.IOException failed) {
                            other.incrementAndGet();
                        }
                    }
                }));
            }
            // While they guess, status must keep answering quickly.
            var statusTimes = new ArrayList<Long>();
            while (guessers.stream().anyMatch(Thread::isAlive)) {
                long began = System.nanoTime();
                daemon.http().get("/status");
                statusTimes.add(System.nanoTime() - began);
                Thread.sleep(20);
            }
            for (Thread guesser : guessers) {
                guesser.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted =
                    statusTimes.stream().mapToLong(Long::longValue).sorted().toArray();
            double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
            double p99 =
                    sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;

            // The owner comes back: waits what Retry-After says, then unlocks.
            boolean unlocked = false;
            for (int attempt = 0; attempt < 5 && !unlocked; attempt++) {
                var reply = daemon.http().request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
                if (reply.status() == 200) {
                    unlocked = true;
                } else if (reply.status() == 429) {
                    Thread.sleep(1000L * retryAfter(reply.head()) + 100);
                } else {
                    break;
                }
            }
            return List.of(
                    Figure.info(
                            name(),
                            "wrong passwords sent",
                            guesses + " in " + String.format(Locale.ROOT, "%.1f s", seconds)),
                    Figure.check(name(), "guesses actually tried (401)", wrong.get(), "<= 40", wrong.get() <= 40),
                    Figure.check(name(), "guesses refused unheard (429)", refused.get(), "> 0", refused.get() > 0),
                    Figure.zero(name(), "other answers", other.get()),
                    new Figure(
                            name(),
                            "status p50 / p99 during the attack",
                            String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p99),
                            "p99 <= 500 ms",
                            p99 <= 500 ? Figure.Verdict.OK : Figure.Verdict.FAIL),
                    Figure.check(name(), "right password unlocks afterwards", unlocked ? 1 : 0, "1", unlocked));
        }
    }

    private static long retryAfter(String head) {
        return Arrays.stream(head.split("\r\n"))
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("retry-after:"))
                .mapToLong(line -> Long.parseLong(line.substring(12).strip()))
                .findFirst()
                .orElse(1);
    }
}
