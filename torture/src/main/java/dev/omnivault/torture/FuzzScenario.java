package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Coverage-guided hostile input: Jazzer (libFuzzer for the JVM) mutates requests, starting from
 * the hostile scenario's fixed corpus, a sample of its generator and a few well-formed requests,
 * and keeps the mutations that reach new branches of Jetty's parser, Jackson and the daemon. The
 * target ({@link DaemonFuzzTarget}) runs in a JVM of its own that also holds the daemon, because
 * coverage is only seen in-process; the goals are the hostile scenario's.
 */
final class FuzzScenario implements Scenario {

    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    private static final Pattern COVERAGE = Pattern.compile("cov: (\\d+) ft: (\\d+) corp: (\\d+)");
    private static final int MAX_LEN = 16_384;

    private final int runs;

    FuzzScenario(int runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "fuzz";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path ownLib = ownLib();
        Path jazzer = ownLib.resolveSibling("jazzer");
        if (!Files.isDirectory(jazzer)) {
            return List.of(Figure.skipped(name(), "Jazzer not found in " + jazzer + "; build the torture module"));
        }
        Path home = bench.newHome("fuzz");
        Path work = home.resolveSibling(home.getFileName() + "-jazzer");
        Path corpus = work.resolve("corpus");
        Files.createDirectories(corpus);
        int seeds = writeSeeds(corpus, bench.seed());
        Path summary = work.resolve("summary.properties");
        Path log = work.resolve("jazzer.log");

        var classPath = new ArrayList<String>();
        classPath.add(bench.programLib() + "/*");
        classPath.add(ownLib + "/*");
        classPath.add(jazzer + "/*");
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "-D" + DaemonFuzzTarget.SUMMARY_PROPERTY + "=" + summary,
                "-cp",
                String.join(java.io.File.pathSeparator, classPath),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + DaemonFuzzTarget.class.getName(),
                "--instrumentation_includes=dev.omnivault.**:org.eclipse.jetty.**:tools.jackson.**",
                "--instrumentation_excludes=dev.omnivault.torture.**",
                "-runs=" + runs,
                "-seed=" + (1 + Math.floorMod(bench.seed(), Integer.MAX_VALUE - 1)),
                "-max_len=" + MAX_LEN,
                "-timeout=30",
                "-artifact_prefix=" + work + "/",
                corpus.toString());
        var builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OMNIVAULT_HOME", home.toString());
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Jazzer did not finish within 15 minutes; see " + log);
        }
        int exit = process.exitValue();
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        Properties figures = new Properties();
        if (Files.exists(summary)) {
            try (var in = Files.newBufferedReader(summary)) {
                figures.load(in);
            }
        }
        String finding = finding(output);
        if (exit != 0 || finding != null) {
            System.err.println("fuzz: Jazzer exited with " + exit + "; its log:\n" + tail(output, 60));
        }
        long offGoal = Stream.of(Answer.values())
                .filter(Answer::offGoal)
                .mapToLong(a -> number(figures, "answer." + a))
                .sum();
        Matcher done = DONE.matcher(output);
        String ran = done.find() ? done.group(1) + " in " + done.group(2) + " s" : "did not finish";
        String coverage = "?";
        for (Matcher m = COVERAGE.matcher(output); m.find(); ) {
            coverage = m.group(1) + " edges, " + m.group(2) + " features, corpus " + m.group(3);
        }
        return List.of(
                Figure.info(name(), "engine", "Jazzer 0.30 (libFuzzer), coverage of Jetty, Jackson, daemon"),
                Figure.info(name(), "inputs run (seeds: " + seeds + ")", ran),
                Figure.info(
                        name(),
                        "sent to the daemon / skipped on purpose",
                        number(figures, "sent") + " / " + number(figures, "skipped")),
                Figure.info(name(), "coverage reached", coverage),
                Figure.check(
                        name(),
                        "findings (Jazzer exit " + exit + ")",
                        finding == null && exit == 0 ? 0 : 1,
                        "0",
                        finding == null && exit == 0),
                Figure.zero(name(), "answers off the goal (5xx, not JSON, no code)", offGoal),
                Figure.check(
                        name(),
                        "seed secrets checked unchanged",
                        number(figures, "seedChecks"),
                        ">= 1",
                        number(figures, "seedChecks") >= 1 && "done".equals(figures.getProperty("state"))),
                Figure.info(name(), "closed without an answer", Long.toString(number(figures, "answer.UNANSWERED"))),
                Figure.info(
                        name(),
                        "bare 400 to a request cut mid-header",
                        Long.toString(number(figures, "answer.BARE_EARLY_EOF"))),
                Figure.info(
                        name(),
                        "HEAD refused by the parser: body, then closed",
                        Long.toString(number(figures, "answer.HEAD_REFUSED_WITH_BODY"))),
                Figure.info(
                        name(),
                        "error body lost after a half-close (Jetty)",
                        Long.toString(number(figures, "answer.ERROR_BODY_LOST"))));
    }

    /** The starting corpus: fixed cases and generated ones that fit, and plain good requests. */
    private static int writeSeeds(Path corpus, long seed) throws IOException {
        var seeds = new ArrayList<byte[]>();
        for (String good : List.of(
                "GET /status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /secrets?prefix=h/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /secret/h/a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "DELETE /secret/h/a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "PUT /secret/h/a HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 53\r\n"
                        + "Connection: close\r\n\r\n{\"value\":\"v\",\"fields\":{\"user\":\"u\"},\"tags\":[\"t\"]}",
                "POST /unlock HTTP/1.1\r\nHost: localhost\r\nContent-Length: 18\r\nConnection: close\r\n\r\n"
                        + "{\"password\":\"bad\"}",
                "POST /change-password HTTP/1.1\r\nHost: localhost\r\nContent-Length: 41\r\nConnection: close\r\n\r\n"
                        + "{\"old_password\":\"a\",\"new_password\":\"b\"}")) {
            seeds.add(good.getBytes(StandardCharsets.ISO_8859_1));
        }
        HostileInputScenario.corpus().stream().filter(c -> c.length <= MAX_LEN).forEach(seeds::add);
        var generator = HostileInputScenario.requests();
        var random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            seeds.add(generator.next(random));
        }
        int written = 0;
        for (byte[] request : seeds) {
            if (!DaemonFuzzTarget.changesTheVaultOnPurpose(request)) {
                Files.write(corpus.resolve("seed-" + written++), request);
            }
        }
        return written;
    }

    private static @Nullable String finding(String output) {
        int at = output.indexOf("== Java Exception:");
        if (at < 0) {
            return null;
        }
        int end = output.indexOf('\n', at);
        return output.substring(at, end < 0 ? output.length() : end);
    }

    private static long number(Properties figures, String key) {
        try {
            return Long.parseLong(figures.getProperty(key, "0").trim());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Where this suite's own jars are (torture/target/lib; Jazzer is beside it in target/jazzer). */
    private static Path ownLib() {
        try {
            var source = FuzzScenario.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            // the packaged jar in target/lib, or target/classes under the build's own test runs
            Path lib = jar == null ? null : Files.isDirectory(jar) ? jar.resolveSibling("lib") : jar.getParent();
            if (lib == null) {
                throw new IllegalStateException("cannot tell where the torture suite's jars are");
            }
            return lib;
        } catch (java.net.URISyntaxException unknown) {
            throw new IllegalStateException("cannot tell where the torture suite's jars are", unknown);
        }
    }
}
