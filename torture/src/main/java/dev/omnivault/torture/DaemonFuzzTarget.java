package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fuzz target of the coverage-guided scenario, run by Jazzer in a JVM of its own that also
 * holds the daemon (its packaged program on the class path, started through its own {@code main}
 * with {@code daemon run}), so that libFuzzer sees which branches of Jetty, Jackson and the daemon
 * each input reached. Each input goes to the daemon's socket as raw bytes and its answer is
 * judged by {@link Answer}; an answer off the goal, a daemon that stops answering or a seed
 * secret that changed is thrown as a finding, which stops Jazzer with the input saved.
 *
 * <p>Inputs that would change the vault on purpose — stop the daemon, lock it, or touch the seed
 * secrets — are not sent: the fuzzer learns those words from the router's comparisons, and a
 * well-formed {@code POST /stop} is not a crash.
 */
public final class DaemonFuzzTarget {

    static final String SUMMARY_PROPERTY = "omnivault.fuzz.summary";
    static final int SEEDS = 10;

    private static final Map<Answer, Long> ANSWERS = new EnumMap<>(Answer.class);
    private static long skipped;
    private static long sent;
    private static long seedChecks;
    private static Http http = new Http(Path.of("unset"));

    private DaemonFuzzTarget() {}

    /** Called once by Jazzer before the first input: starts the daemon and stores the seeds. */
    public static void fuzzerInitialize() throws Exception {
        Path home = Path.of(System.getenv("OMNIVAULT_HOME"));
        Thread daemon = new Thread(
                () -> {
                    try {
                        Class.forName("dev.omnivault.bootstrap.Main")
                                .getMethod("main", String[].class)
                                .invoke(null, (Object) new String[] {"daemon", "run"});
                    } catch (ReflectiveOperationException failed) {
                        throw new IllegalStateException("could not start the daemon", failed);
                    }
                },
                "omnivault-daemon-main");
        daemon.setDaemon(true);
        daemon.start();
        http = new Http(home.resolve("omnivaultd.sock"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!answers()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the in-process daemon did not answer within 60 s");
            }
            Thread.sleep(20);
        }
        expect(http.request("POST", "/init", "{\"password\":\"" + Workbench.PASSWORD + "\"}"), "init");
        for (int i = 0; i < SEEDS; i++) {
            expect(http.request("PUT", "/secret/seed/s" + i, "{\"value\":\"seed value " + i + "\"}"), "seed");
        }
    }

    public static void fuzzerTestOneInput(byte[] request) throws IOException {
        if (changesTheVaultOnPurpose(request)) {
            skipped++;
            return;
        }
        sent++;
        List<Http.Reply> replies = http.raw(request);
        Answer answer = Answer.judge(request, replies);
        ANSWERS.merge(answer, 1L, Long::sum);
        if (answer.offGoal()) {
            writeSummary("finding");
            throw new HostileAnswer(answer + " (" + Answer.shown(replies) + ") for: " + Answer.shown(request));
        }
        if (answer == Answer.UNANSWERED && !answers()) {
            writeSummary("finding");
            throw new HostileAnswer("the daemon stopped answering after: " + Answer.shown(request));
        }
        if (sent % 500 == 0) {
            checkSeeds();
        }
    }

    /** Called once by Jazzer after the last input. */
    public static void fuzzerTearDown() throws IOException {
        checkSeeds();
        writeSummary("done");
    }

    private static void checkSeeds() throws IOException {
        seedChecks++;
        for (int i = 0; i < SEEDS; i++) {
            var reply = http.get("/secret/seed/s" + i);
            var json = Json.object(reply.body());
            if (reply.status() != 200 || json == null || !("seed value " + i).equals(json.get("value"))) {
                writeSummary("finding");
                throw new HostileAnswer("seed secret s" + i + " changed or unreadable: " + reply.status() + " "
                        + reply.body().strip());
            }
        }
    }

    /** Stops, locks or touches a seed, read through one or two rounds of percent-decoding. */
    static boolean changesTheVaultOnPurpose(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 3; round++) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("/stop") || lower.contains("/lock") || lower.contains("seed")) {
                return true;
            }
            text = lenientDecode(text);
        }
        return false;
    }

    private static String lenientDecode(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    out.append((char) (high * 16 + low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean answers() {
        try {
            return http.get("/status").status() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void expect(Http.Reply reply, String what) {
        if (reply.status() != 200) {
            throw new IllegalStateException(what + " failed: " + reply.status() + " " + reply.body());
        }
    }

    /** What the parent prints: {@code key=value} lines, rewritten whole each time. */
    private static void writeSummary(String state) throws IOException {
        String file = System.getProperty(SUMMARY_PROPERTY, "");
        if (file.isEmpty()) {
            return;
        }
        String answers = ANSWERS.entrySet().stream()
                .map(e -> "answer." + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        Files.writeString(
                Path.of(file),
                "state=" + state + "\nsent=" + sent + "\nskipped=" + skipped + "\nseedChecks=" + seedChecks + "\n"
                        + answers + "\n");
    }

    /** A finding: thrown to Jazzer, which stops and keeps the input. */
    static final class HostileAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostileAnswer(String message) {
            super(message);
        }
    }
}
