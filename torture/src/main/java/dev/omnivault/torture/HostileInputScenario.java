package dev.omnivault.torture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed requests from a seeded generator (methods, targets with percent-encodings and dot
 * segments, headers, JSON bodies of the wrong shape, truncations, oversized and non-HTTP bytes),
 * then a fixed corpus of known-nasty cases. The daemon must stay up, answer no 5xx, answer every
 * request it answers with well-formed JSON (an error object for every 4xx), and keep every
 * stored secret as it was.
 */
final class HostileInputScenario implements Scenario {

    private static final int SEEDS = 10;

    private final int count;

    HostileInputScenario(int count) {
        this.count = count;
    }

    @Override
    public String name() {
        return "hostile";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        try (Daemon daemon = bench.startInitialised("hostile")) {
            for (int i = 0; i < SEEDS; i++) {
                daemon.http().request("PUT", "/secret/seed/s" + i, "{\"value\":\"seed value " + i + "\"}");
            }
            var all = new ArrayList<byte[]>(corpus());
            Gen<byte[]> generator = requests();
            var random = new Random(bench.seed());
            for (int i = 0; i < count; i++) {
                all.add(generator.next(random));
            }
            long serverErrors = 0;
            long notJson = 0;
            long errorsWithoutCode = 0;
            long unanswered = 0;
            long bareEarlyEof = 0;
            long headWithBody = 0;
            long bodyLost = 0;
            for (byte[] request : all) {
                var replies = daemon.http().raw(request);
                Answer answer = Answer.judge(request, replies);
                switch (answer) {
                    case FINE -> {}
                    case UNANSWERED -> unanswered++;
                    case BARE_EARLY_EOF -> bareEarlyEof++;
                    case HEAD_REFUSED_WITH_BODY -> headWithBody++;
                    case ERROR_BODY_LOST -> bodyLost++;
                    case SERVER_ERROR -> serverErrors++;
                    case NOT_JSON -> notJson++;
                    case ERROR_WITHOUT_CODE -> errorsWithoutCode++;
                }
                if (answer.offGoal()) {
                    example(answer, request, replies);
                }
            }
            boolean alive = daemon.alive() && daemon.answers();
            // The vault may have been locked by a request: unlock it to read the seeds back.
            daemon.http().request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
            long changed = 0;
            for (int i = 0; i < SEEDS; i++) {
                var reply = daemon.http().get("/secret/seed/s" + i);
                var json = Json.object(reply.body());
                if (reply.status() != 200 || json == null || !("seed value " + i).equals(json.get("value"))) {
                    changed++;
                }
            }
            return List.of(
                    Figure.info(name(), "malformed requests sent", all.size() + " (" + corpus().size() + " fixed)"),
                    Figure.zero(name(), "daemon crashes", alive ? 0 : 1),
                    Figure.zero(name(), "5xx answers", serverErrors),
                    Figure.zero(name(), "answers that are not well-formed JSON", notJson),
                    Figure.zero(name(), "4xx answers without error and code", errorsWithoutCode),
                    Figure.zero(name(), "stored secrets changed", changed),
                    Figure.info(name(), "closed without an answer", Long.toString(unanswered)),
                    Figure.info(name(), "bare 400 to a request cut mid-header", Long.toString(bareEarlyEof)),
                    Figure.info(name(), "HEAD refused by the parser: body, then closed", Long.toString(headWithBody)),
                    Figure.info(name(), "error body lost after a half-close (Jetty)", Long.toString(bodyLost)));
        }
    }

    private int examples;

    /** The first few offenders go to stderr, escaped, so a failure can be reproduced by hand. */
    private void example(Answer kind, byte[] request, List<Http.Reply> replies) {
        if (examples++ < 8) {
            System.err.println("hostile: " + kind + " (" + Answer.shown(replies) + ") for: " + Answer.shown(request));
        }
    }

    /** A request with at least one thing wrong with it, as raw bytes. */
    static Gen<byte[]> requests() {
        Gen<String> method = Gen.weighted(
                6,
                Gen.of("GET", "PUT", "POST", "DELETE"),
                2,
                Gen.of("HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT", "get", "PUT ", ""),
                1,
                Gen.anyStrings(10));
        Gen<String> pathText = Gen.strings("abcXYZ019-_~./%?#&=;,+@!$'()*[]{}|\\^` \t\u00e9\u202e\u0000\r\n", 60);
        Gen<String> percent = random -> {
            var out = new StringBuilder();
            for (int i = random.nextInt(13); i > 0; i--) {
                out.append('%').append(String.format("%02X", random.nextInt(256)));
            }
            return out.toString();
        };
        Gen<String> fixedTargets = Gen.of(
                "/status",
                "/secrets",
                "/init",
                "/unlock",
                "/lock",
                "/change-password",
                "/password",
                "/secret/",
                "/secret",
                "//",
                "*",
                "",
                "/secret/%",
                "/secret/%zz",
                "/secret/a/../../etc/passwd",
                "/secret/a%2F..%2F..%2Fb",
                "/secrets?prefix=%ff%fe",
                "/secret/" + "a".repeat(700),
                "http://evil.example/secret/a",
                "/secret/seed");
        Gen<String> target = Gen.oneOf(
                fixedTargets,
                pathText.map(p -> "/secret/h/" + p),
                percent.map(p -> "/secret/h/" + p),
                pathText.map(p -> "/secrets?prefix=" + p));
        Gen<String> jsonValue = Gen.oneOf(
                Gen.of(
                        "null",
                        "true",
                        "1e999999",
                        "-0",
                        "123456789012345678901234567890",
                        "[]",
                        "{}",
                        "\"\\ud800\"",
                        "\"\\u12\"",
                        "\"\\x41\"",
                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                        "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"),
                Gen.anyStrings(40).map(Json::quote),
                random -> String.valueOf(random.nextInt()));
        Gen<String> member = Gen.combine(
                Gen.of("value", "fields", "tags", "password", "old_password", "new_password", "x", ""),
                jsonValue,
                (name, value) -> Json.quote(name) + ":" + value);
        Gen<String> body = Gen.oneOf(
                Gen.of(""),
                member.list(0, 5).map(members -> "{" + String.join(",", members) + "}"),
                member.list(1, 3).map(members -> "{" + String.join(",", members)),
                Gen.anyStrings(200),
                jsonValue);
        Gen<String> header = Gen.oneOf(
                Gen.of(
                        "Content-Length: 5",
                        "Content-Length: -1",
                        "Content-Length: 99999999999999999999",
                        "Content-Length: 2\r\nContent-Length: 3",
                        "Transfer-Encoding: chunked",
                        "Transfer-Encoding: gzip, chunked",
                        "Content-Type: text/plain",
                        "Content-Type: application/json; charset=latin1",
                        "Expect: 100-continue",
                        "Origin: http://evil.example",
                        "Host: evil.example",
                        "Host:",
                        "X-No-Colon",
                        " folded: header",
                        "Authorization: Bearer x",
                        "Connection: keep-alive, upgrade\r\nUpgrade: h2c"),
                Gen.combine(
                        Gen.strings("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)
                                .map(n -> "X" + n),
                        Gen.anyStrings(100),
                        (name, value) -> name + ": " + value.replace("\r", "").replace("\n", "")));
        Gen<String> wellFramed = random -> {
            String m = method.next(random);
            String t = target.next(random);
            List<String> headers = header.list(0, 3).next(random);
            String b = body.next(random);
            var request = new StringBuilder(m + " " + t + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            boolean framed = headers.stream().anyMatch(h -> h.startsWith("Content-Length") || h.startsWith("Transfer"));
            if (!framed) {
                request.append("Content-Length: ")
                        .append(b.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n");
            }
            return request.append("Connection: close\r\n\r\n").append(b).toString();
        };
        Gen<byte[]> asBytes = wellFramed.map(text -> text.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> truncated = random -> {
            byte[] whole = asBytes.next(random);
            return java.util.Arrays.copyOf(whole, random.nextInt(whole.length + 1));
        };
        return Gen.weighted(7, asBytes, 2, truncated, 1, Gen.bytes(400));
    }

    /** Cases that broke other servers: smuggling, overflows, encodings, floods of one kind. */
    static List<byte[]> corpus() {
        var cases = new ArrayList<String>(List.of(
                "GET /status HTTP/1.1\r\n\r\n",
                "GET /status HTTP/1.0\r\n\r\n",
                "GET /status HTTP/2.0\r\nHost: localhost\r\n\r\n",
                "GET /status HTTP/1.1\r\nHost: localhost\r\nHost: other\r\nConnection: close\r\n\r\n",
                "PUT /secret/h/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n0\r\n\r\n",
                "PUT /secret/h/x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "fffffffffffffffff\r\nx\r\n0\r\n\r\n",
                "PUT /secret/h/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{\"value\":",
                "PUT /secret/h/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 12\r\nConnection: close\r\n\r\n"
                        + "{\"value\":\"\u00ff\"}",
                "PUT /secret/%00 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{\"value\":\"x\"}",
                "PUT /secret/h/%2e%2e/%2e%2e/stop HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "POST /secret/../stop HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "POST /unlock HTTP/1.1\r\nHost: localhost\r\nContent-Length: 16\r\nConnection: close\r\n\r\n"
                        + "{\"password\":123}",
                "POST /unlock HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]",
                "GET /secrets?prefix=" + "%".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /" + "a/".repeat(4000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /status HTTP/1.1\r\nHost: localhost\r\n" + "X: y\r\n".repeat(2000) + "Connection: close\r\n\r\n",
                "\r\n\r\n\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"));
        var nested = new StringBuilder();
        nested.append("{\"value\":\"x\",\"fields\":")
                .append("{\"a\":".repeat(10_000))
                .append("1")
                .append("}".repeat(10_000))
                .append('}');
        cases.add("PUT /secret/h/deep HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + nested.length()
                + "\r\nConnection: close\r\n\r\n" + nested);
        var manyFields = new StringBuilder("{\"value\":\"x\",\"fields\":{");
        for (int i = 0; i < 20_000; i++) {
            manyFields.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
        }
        manyFields.append("}}");
        cases.add("PUT /secret/h/wide HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + manyFields.length()
                + "\r\nConnection: close\r\n\r\n" + manyFields);
        return cases.stream().map(c -> c.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }
}
