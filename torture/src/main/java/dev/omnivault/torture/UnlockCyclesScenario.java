package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Unlock and lock, over and over, with the daemon's own memory settings: each unlock runs Argon2
 * (64 MiB in the Java heap) and must give that memory back, so the daemon's resident size after
 * the last cycle is what it was after the first few. Every unlock must also still open the vault
 * and read its secrets back.
 */
final class UnlockCyclesScenario implements Scenario {

    private static final int SECRETS = 100;
    private static final int WARM_UP = 10;
    private static final long GROWTH_LIMIT_MIB = 8;
    /** Argon2's 64 MiB kept after an unlock would show as at least this much more. */
    private static final long KEPT_LIMIT_MIB = 32;

    private final int cycles;

    UnlockCyclesScenario(int cycles) {
        this.cycles = cycles;
    }

    @Override
    public String name() {
        return "unlock-cycles";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path home;
        try (Daemon filling = bench.startInitialised("unlock-cycles")) {
            home = filling.home();
            for (int i = 0; i < SECRETS; i++) {
                filling.http().request("PUT", "/secret/cycle/s" + i, "{\"value\":\"value " + i + "\"}");
            }
        }
        try (Daemon daemon = bench.start(home)) { // started on the vault, locked: no Argon2 has run
            Http http = daemon.http();
            long rssBefore = residentMiB(daemon.pid());
            long failed = 0;
            long rssAfterWarmUp = 0;
            long peak = 0;
            for (int cycle = 0; cycle < WARM_UP + cycles; cycle++) {
                http.request("POST", "/lock", "");
                var unlock = http.request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
                var read = http.get("/secret/cycle/s" + (cycle % SECRETS));
                if (unlock.status() != 200
                        || read.status() != 200
                        || !read.body().contains("\"value " + (cycle % SECRETS) + "\"")) {
                    failed++;
                }
                long rss = residentMiB(daemon.pid());
                peak = Math.max(peak, rss);
                if (cycle == WARM_UP - 1) {
                    rssAfterWarmUp = rss;
                }
            }
            long rssAtEnd = residentMiB(daemon.pid());
            long growth = rssAtEnd - rssAfterWarmUp;
            return List.of(
                    Figure.info(
                            name(), "unlock/lock cycles (each unlock reads a secret back)", WARM_UP + " + " + cycles),
                    Figure.zero(name(), "cycles whose unlock or read-back failed", failed),
                    Figure.info(
                            name(),
                            "daemon RSS started / after the warm-up / after the last cycle / peak",
                            String.format(
                                    Locale.ROOT, "%d / %d / %d / %d MiB", rssBefore, rssAfterWarmUp, rssAtEnd, peak)),
                    Figure.check(
                            name(),
                            "RSS the warm-up's unlocks kept (MiB; Argon2 takes 64)",
                            rssAfterWarmUp - rssBefore,
                            "<= " + KEPT_LIMIT_MIB,
                            rssAfterWarmUp - rssBefore <= KEPT_LIMIT_MIB),
                    Figure.check(
                            name(),
                            "RSS growth over the cycles (MiB)",
                            growth,
                            "<= " + GROWTH_LIMIT_MIB,
                            growth <= GROWTH_LIMIT_MIB));
        }
    }

    /** The process's resident set, from /proc (VmRSS, in KiB). */
    static long residentMiB(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new java.io.IOException("no VmRSS for process " + pid);
    }
}
