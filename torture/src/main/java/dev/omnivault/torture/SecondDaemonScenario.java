package dev.omnivault.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A second daemon on the same vault, on every transport, while the first serves an unlocked vault
 * (once two daemons on one directory both wrote and the vault never opened again). None may
 * start; each must name the first's PID; no file of the first may be written, removed or added;
 * and the first must go on serving its vault.
 */
final class SecondDaemonScenario implements Scenario {

    @Override
    public String name() {
        return "second-daemon";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        long started = 0;
        long namedTheHolder = 0;
        long filesTouched = 0;
        var attempts = new ArrayList<List<String>>();
        attempts.add(List.of());
        attempts.add(List.of("--transport", "unix"));
        attempts.add(List.of("--transport", "tcp", "--tcp-address", "127.0.0.1:" + Workbench.freeLoopbackPort()));
        attempts.add(List.of(
                "--transport",
                "tcp",
                "--tcp-address",
                "127.0.0.1:" + Workbench.freeLoopbackPort(),
                "--auto-lock",
                "0"));
        boolean firstServes;
        try (Daemon first = bench.startInitialised("second-daemon")) {
            first.http().request("PUT", "/secret/first/one", "{\"value\":\"kept\"}");
            Map<String, String> before = snapshot(first.home());
            for (List<String> options : attempts) {
                Process second = bench.launch(first.home(), options.toArray(String[]::new));
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    started++;
                    second.destroyForcibly();
                    second.waitFor(30, TimeUnit.SECONDS);
                } else if (second.exitValue() == 0) {
                    started++;
                }
                String log = Files.readString(
                        first.home().resolveSibling(first.home().getFileName() + ".log"));
                if (log.contains(
                        "Error: a daemon is already running for " + first.home() + " (PID " + first.pid() + ")")) {
                    namedTheHolder++;
                }
                if (!snapshot(first.home()).equals(before)) {
                    filesTouched++;
                    before = snapshot(first.home());
                }
            }
            var read = first.http().get("/secret/first/one");
            firstServes = read.status() == 200 && read.body().contains("\"value\":\"kept\"");
        }
        return List.of(
                Figure.info(name(), "second daemons tried (unix, tcp)", Integer.toString(attempts.size())),
                Figure.zero(name(), "second daemons started", started),
                Figure.check(
                        name(),
                        "refused naming the first's PID",
                        namedTheHolder,
                        "= " + attempts.size(),
                        namedTheHolder == attempts.size()),
                Figure.zero(name(), "attempts that touched a file of the first", filesTouched),
                Figure.check(name(), "first daemon still serves its vault", firstServes ? 1 : 0, "1", firstServes));
    }

    /** Each file of {@code home} with its size and modification time. */
    static Map<String, String> snapshot(Path home) throws IOException {
        var files = new TreeMap<String, String>();
        try (var listing = Files.list(home)) {
            for (Path file : listing.toList()) {
                files.put(
                        file.getFileName().toString(),
                        Files.isRegularFile(file)
                                ? Files.size(file) + "@"
                                        + Files.getLastModifiedTime(file).toMillis()
                                : "other");
            }
        }
        return files;
    }
}
