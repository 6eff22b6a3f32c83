package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Requests that try to write a line of their own into the daemon's log: line breaks (raw,
 * percent-encoded, Unicode line separators) in export and list prefixes and in secret paths, and
 * paths that would fake a field of the audit line. No line of the log may start with the forged
 * text, and no audit line may carry a second {@code uid=}.
 */
final class LogInjectionScenario implements Scenario {

    private static final String FORGED = "INFO vault locked forged";

    @Override
    public String name() {
        return "log-injection";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        List<String> targets = List.of(
                "/export?prefix=%0A" + FORGED.replace(" ", "%20"),
                "/export?prefix=%0D%0A" + FORGED.replace(" ", "%20"),
                "/export?prefix=%E2%80%A8" + FORGED.replace(" ", "%20"),
                "/secrets?prefix=%0A" + FORGED.replace(" ", "%20"),
                "/secret/a%0A" + FORGED.replace(" ", "%20"),
                "/secret/a%0D" + FORGED.replace(" ", "%20"),
                "/secret/a%C2%85" + FORGED.replace(" ", "%20"),
                "/secret/a%E2%80%A9" + FORGED.replace(" ", "%20"),
                "/secret/x%20uid=0");
        Path log;
        try (Daemon daemon = bench.startInitialised("log-injection")) {
            log = daemon.home().resolveSibling(daemon.home().getFileName() + ".log");
            for (String target : targets) {
                daemon.http().get(target);
                daemon.http().request("PUT", target.startsWith("/secret/") ? target : "/secret/p", "{\"value\":\"v\"}");
            }
        }
        List<String> lines = Files.readAllLines(log);
        long forged = lines.stream()
                .filter(line -> line.startsWith(FORGED) || line.startsWith("\u2028"))
                .count();
        // a quoted path may hold " uid=" as text; outside the quotes there must be one field at most
        long twoUids = lines.stream()
                .map(line -> line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""))
                .filter(line -> line.indexOf(" uid=") != line.lastIndexOf(" uid="))
                .count();
        return List.of(
                Figure.info(name(), "requests with line breaks or fake fields", Integer.toString(targets.size() * 2)),
                Figure.zero(name(), "forged log lines", forged),
                Figure.zero(name(), "audit lines with a faked uid= field", twoUids));
    }
}
