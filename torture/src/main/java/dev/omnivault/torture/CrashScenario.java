package dev.omnivault.torture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGKILLs of the daemon at random moments of a write-heavy load. A write the daemon acknowledged
 * (200) must be there after the restart; a write in flight at the kill may be there or not, but
 * nothing else may appear. Every restart must unlock.
 */
final class CrashScenario implements Scenario {

    private static final int PATHS = 40;
    private static final int WRITERS = 2;

    private final int kills;

    CrashScenario(int kills) {
        this.kills = kills;
    }

    @Override
    public String name() {
        return "crash";
    }

    /** What a path may hold: the last acknowledged value, or the one in flight when the kill came. */
    private record Expected(String acknowledged, String inFlight) {}

    /** What one chain of kills on one vault counted. */
    private record Counts(long acknowledged, long lost, long phantom, long unlockFailures) {}

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        // Independent vaults, each killed in turn: on two cores two chains overlap one daemon's
        // start-up with the other's writes, which keeps the full mode's 200 kills in its budget.
        int chains = kills >= 50 ? 2 : 1;
        var results = new ArrayList<java.util.concurrent.Future<Counts>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(chains)) {
            for (int c = 0; c < chains; c++) {
                int chain = c;
                int share = kills / chains + (chain < kills % chains ? 1 : 0);
                results.add(pool.submit(() -> chain(bench, share, new Random(bench.seed() + chain))));
            }
        }
        long acknowledged = 0;
        long lost = 0;
        long phantom = 0;
        long unlockFailures = 0;
        for (var result : results) {
            Counts counts = result.get();
            acknowledged += counts.acknowledged();
            lost += counts.lost();
            phantom += counts.phantom();
            unlockFailures += counts.unlockFailures();
        }
        return List.of(
                Figure.info(name(), "SIGKILLs during writes", kills + " (" + chains + " vaults)"),
                Figure.info(name(), "writes acknowledged", Long.toString(acknowledged)),
                Figure.zero(name(), "acknowledged writes lost", lost),
                Figure.zero(name(), "values never written that appeared", phantom),
                Figure.zero(name(), "restarts that failed to unlock", unlockFailures));
    }

    private static Counts chain(Workbench bench, int kills, Random random) throws Exception {
        Path home;
        try (Daemon first = bench.startInitialised("crash")) {
            home = first.home();
        }
        Map<String, Expected> model = new ConcurrentHashMap<>();
        long acknowledged = 0;
        long lost = 0;
        long phantom = 0;
        long unlockFailures = 0;
        for (int kill = 0; kill < kills; kill++) {
            Daemon daemon = bench.start(home);
            try {
                var unlock = daemon.http().request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
                if (unlock.status() != 200) {
                    unlockFailures++;
                    continue;
                }
                // Everything acknowledged before the last kill must be there, and nothing invented.
                for (var entry : model.entrySet()) {
                    var reply = daemon.http().get("/secret/" + entry.getKey());
                    Expected expected = entry.getValue();
                    if (reply.status() == 404) {
                        if (expected.acknowledged().isEmpty()) {
                            entry.setValue(new Expected("", ""));
                        } else {
                            lost++;
                        }
                        continue;
                    }
                    var json = Json.object(reply.body());
                    String value = reply.status() == 200 && json != null ? json.getOrDefault("value", "") : "";
                    if (value.equals(expected.acknowledged()) || value.equals(expected.inFlight())) {
                        entry.setValue(new Expected(value, value));
                    } else {
                        phantom++;
                    }
                }
                acknowledged += writeUntilKilled(daemon, model, kill, random.nextInt(50, 400));
            } finally {
                daemon.kill();
            }
        }
        // The last word: one more start must unlock and hold every acknowledged write.
        try (Daemon last = bench.start(home)) {
            if (last.http()
                            .request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}")
                            .status()
                    != 200) {
                unlockFailures++;
            }
        }
        return new Counts(acknowledged, lost, phantom, unlockFailures);
    }

    /** Writers hammer the vault; after {@code millis} the daemon is SIGKILLed mid-flight. */
    private static long writeUntilKilled(Daemon daemon, Map<String, Expected> model, int round, int millis)
            throws InterruptedException {
        var stop = new AtomicBoolean();
        var counts = new long[WRITERS];
        var writers = new Thread[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers[w] = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    // Each writer owns its paths, so at most one write per path is ever in flight.
                    String path = "crash/w" + writer + "/p" + (i % (PATHS / WRITERS));
                    String value = "v-" + round + "-" + writer + "-" + i;
                    Expected before = model.getOrDefault(path, new Expected("", ""));
                    model.put(path, new Expected(before.acknowledged(), value));
                    try {
                        var reply = daemon.http().request("PUT", "/secret/" + path, "{\"value\":\"" + value + "\"}");
                        if (reply.status() == 200) {
                            model.put(path, new Expected(value, value));
                            counts[writer]++;
                        } else {
                            return;
                        }
                    } catch (java.io.IOException killed) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(millis);
        daemon.kill();
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
