package dev.omnivault.torture;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/torture [--quick] [--only NAME[,NAME]] [--seed N]}: runs each scenario against the
 * real daemon and prints one table; exits 1 when a figure is off its goal.
 */
public final class Torture {

    private Torture() {}

    static List<Scenario> scenarios(boolean quick) {
        return List.of(
                new CrashScenario(quick ? 10 : 200),
                new ConcurrencyScenario(quick ? 16 : 64, quick ? 100 : 500),
                new HostileInputScenario(quick ? 2_000 : 10_000),
                new FuzzScenario(quick ? 2_000 : 10_000),
                new SlowClientsScenario(100),
                new TcpFloodScenario(quick ? 300 : 1000),
                new TamperingScenario(),
                new RollbackScenario(),
                new PoisonScenario(),
                new SecondDaemonScenario(),
                new StalePidScenario(),
                new RemigrationScenario(),
                new SealedJvmScenario(),
                new ImpostorScenario(),
                new PlantedLinksScenario(),
                new LogInjectionScenario(),
                new BruteForceScenario(quick ? 200 : 1_000),
                new OtherUsersScenario(),
                new FullDiskScenario(),
                new MemoryAfterLockScenario(),
                new UnlockCyclesScenario(quick ? 100 : 1_000),
                new HeapExhaustionScenario("heap-exhaustion", 1, HeapExhaustionScenario.LARGEST_VALUE),
                new HeapExhaustionScenario("heap-exhaustion-parallel", 8, HeapExhaustionScenario.LARGEST_VALUE),
                new HeapExhaustionScenario("heap-exhaustion-small", 16, HeapExhaustionScenario.VALUE_UNDER_A_MEBIBYTE),
                new TeamVaultScenario(quick ? 12 : 48));
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out));
    }

    public static int run(List<String> args, PrintStream out) throws Exception {
        boolean quick = args.contains("--quick");
        long seed = System.nanoTime();
        List<String> only = List.of();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> {}
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                case "--only" -> only = List.of(args.get(++i).split(","));
                default -> {
                    out.println("usage: bin/torture [--quick] [--only crash,concurrency,...] [--seed N]");
                    return 2;
                }
            }
        }
        Path root = Files.createTempDirectory("ovt");
        var bench = new Workbench(programLib(), root, quick, seed);
        out.printf(Locale.ROOT, "OmniVault torture suite, %s mode, seed %d%n%n", quick ? "quick" : "full", seed);
        var figures = new ArrayList<Figure>();
        Instant start = Instant.now();
        try {
            for (Scenario scenario : scenarios(quick)) {
                if (!only.isEmpty() && !only.contains(scenario.name())) {
                    continue;
                }
                Instant began = Instant.now();
                try {
                    figures.addAll(scenario.run(bench));
                } catch (Exception | AssertionError broke) {
                    figures.add(new Figure(
                            scenario.name(),
                            "scenario completed",
                            broke.getClass().getSimpleName() + ": " + broke.getMessage(),
                            "yes",
                            Figure.Verdict.FAIL));
                }
                figures.add(Figure.info(
                        scenario.name(),
                        "wall time",
                        Duration.between(began, Instant.now()).toMillis() / 1000.0 + " s"));
            }
        } finally {
            deleteTree(root);
        }
        print(figures, out);
        long failed =
                figures.stream().filter(f -> f.verdict() == Figure.Verdict.FAIL).count();
        out.printf(
                Locale.ROOT,
                "%n%d figures, %d off their goal, %.1f s in all%n",
                figures.size(),
                failed,
                Duration.between(start, Instant.now()).toMillis() / 1000.0);
        return failed == 0 ? 0 : 1;
    }

    private static void print(List<Figure> figures, PrintStream out) {
        String format = "%-13s %-54s %-22s %-12s %s%n";
        out.printf(Locale.ROOT, format, "scenario", "figure", "value", "goal", "");
        out.printf(Locale.ROOT, format, "-".repeat(13), "-".repeat(54), "-".repeat(22), "-".repeat(12), "----");
        for (Figure figure : figures) {
            out.printf(
                    Locale.ROOT,
                    format,
                    figure.scenario(),
                    figure.name(),
                    figure.value(),
                    figure.goal(),
                    figure.verdict() == Figure.Verdict.INFO ? "" : figure.verdict());
        }
    }

    /** The daemon's program as the build packaged it: {@code bootstrap/target/lib}, found above here. */
    static Path programLib() {
        String given = System.getProperty("omnivault.program.lib", "");
        if (!given.isEmpty()) {
            return Path.of(given);
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path lib = at.resolve("bootstrap/target/lib");
            if (Files.exists(lib.resolve("omnivault-bootstrap.jar"))) {
                return lib;
            }
        }
        throw new IllegalStateException(
                "bootstrap/target/lib not found above " + Path.of("").toAbsolutePath() + "; build first (mvn package)");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
