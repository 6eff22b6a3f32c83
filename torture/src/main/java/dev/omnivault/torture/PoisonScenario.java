package dev.omnivault.torture;

import java.util.ArrayList;
import java.util.List;

/**
 * Secrets past their bounds, through PUT and import: a field count that once wrapped a 16-bit
 * number (65,536), one field or tag too many, a value one byte over 4 MiB. None may be
 * acknowledged unless it reads back, and the vault must unlock after each; secrets at the bounds
 * must be stored and read back whole.
 */
final class PoisonScenario implements Scenario {

    private static final String UNLOCK = "{\"password\":\"" + Workbench.PASSWORD + "\"}";
    private static final int MAX_VALUE = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "poison";
    }

    private record Write(String method, String target, String body, String readBack) {}

    private static String fields(int count, String value) {
        var body = new StringBuilder("{\"value\":\"v\",\"fields\":{");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("\"f")
                    .append(i)
                    .append("\":\"")
                    .append(value)
                    .append('"');
        }
        return body.append("}}").toString();
    }

    private static String tags(int count) {
        var body = new StringBuilder("{\"value\":\"v\",\"tags\":{");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"x\"");
        }
        return body.append("}}").toString();
    }

    private static String value(int bytes) {
        return "{\"value\":\"" + "p".repeat(bytes) + "\"}";
    }

    private static String imported(String path, String secretMembers) {
        return "{\"secrets\":[{\"path\":\"import/fine\",\"value\":\"ok\"},{\"path\":\"" + path + "\","
                + secretMembers.substring(1) + "]}";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        var over = List.of(
                new Write("PUT", "/secret/poison/fields-65536", fields(65_536, "x"), "/secret/poison/fields-65536"),
                new Write("PUT", "/secret/poison/fields-1001", fields(1001, "x"), "/secret/poison/fields-1001"),
                new Write("PUT", "/secret/poison/tags-1001", tags(1001), "/secret/poison/tags-1001"),
                new Write("PUT", "/secret/poison/value", value(MAX_VALUE + 1), "/secret/poison/value"),
                new Write(
                        "PUT",
                        "/secret/poison/field-value",
                        fields(1, "f".repeat(MAX_VALUE + 1)),
                        "/secret/poison/field-value"),
                new Write(
                        "POST",
                        "/import",
                        imported("poison/import-value", value(MAX_VALUE + 1)),
                        "/secret/import/fine"),
                new Write(
                        "POST",
                        "/import",
                        imported("poison/import-fields", fields(65_536, "x")),
                        "/secret/import/fine"));
        var atBounds = List.of(
                new Write("PUT", "/secret/bound/fields-1000", fields(1000, "x"), "/secret/bound/fields-1000"),
                new Write("PUT", "/secret/bound/tags-1000", tags(1000), "/secret/bound/tags-1000"),
                new Write("PUT", "/secret/bound/value-4mib", value(MAX_VALUE), "/secret/bound/value-4mib"),
                new Write("PUT", "/secret/bound/value-1mib", value(1024 * 1024), "/secret/bound/value-1mib"),
                new Write(
                        "POST",
                        "/import",
                        imported("bound/import-4mib", value(MAX_VALUE)),
                        "/secret/bound/import-4mib"));
        long acknowledgedUnreadable = 0;
        long refused400 = 0;
        long overAcknowledged = 0;
        long failedUnlocks = 0;
        long boundsStored = 0;
        var examples = new ArrayList<String>();
        try (Daemon daemon = bench.startInitialised("poison")) {
            for (Write write : over) {
                var reply = daemon.http().request(write.method(), write.target(), write.body());
                if (reply.status() == 200) {
                    overAcknowledged++;
                    if (daemon.http().get(write.readBack()).status() != 200) {
                        acknowledgedUnreadable++;
                    }
                } else if (reply.status() == 400 && reply.body().contains("\"code\":\"INVALID_REQUEST\"")) {
                    refused400++;
                    if (examples.isEmpty()) {
                        examples.add(reply.body());
                    }
                }
                failedUnlocks += relock(daemon) ? 0 : 1;
            }
            for (Write write : atBounds) {
                var reply = daemon.http().request(write.method(), write.target(), write.body());
                if (reply.status() != 200) {
                    continue;
                }
                failedUnlocks += relock(daemon) ? 0 : 1;
                var read = daemon.http().get(write.readBack());
                if (read.status() == 200 && read.body().length() > 20) {
                    boundsStored++;
                } else {
                    acknowledgedUnreadable++;
                }
            }
        }
        return List.of(
                Figure.info(
                        name(),
                        "writes past a bound tried (PUT and import)",
                        over.size() + ", e.g. " + abbreviate(examples.isEmpty() ? "" : examples.getFirst())),
                Figure.check(
                        name(),
                        "refused with 400 INVALID_REQUEST",
                        refused400,
                        "= " + over.size(),
                        refused400 == over.size()),
                Figure.zero(name(), "past a bound yet acknowledged", overAcknowledged),
                Figure.zero(name(), "acknowledged writes that do not read back", acknowledgedUnreadable),
                Figure.zero(name(), "unlocks that failed after a write", failedUnlocks),
                Figure.check(
                        name(),
                        "writes at the bounds stored and read back",
                        boundsStored,
                        "= " + atBounds.size(),
                        boundsStored == atBounds.size()));
    }

    /** Locks and unlocks: true when the vault on disk opens again. */
    private static boolean relock(Daemon daemon) throws java.io.IOException {
        daemon.http().request("POST", "/lock", "");
        return daemon.http().request("POST", "/unlock", UNLOCK).status() == 200;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
