package dev.omnivault.protocol;

import dev.omnivault.application.port.in.Team;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * The API's answers (SPEC §3), with the exact field names of the Go original: written by the
 * daemon (and by the CLI's {@code --json}, which prints the same shapes), read by the client.
 * Values are written from, and read into, {@code char[]}/{@code byte[]} that are zeroed; the
 * written bytes come from a sink that wipes what it outgrows, and the caller zeroes them once sent.
 */
public final class Responses {

    private Responses() {}

    public static byte[] success(String message) {
        return write(json -> json.writeBooleanProperty("success", true).writeStringProperty("message", message));
    }

    public static byte[] error(String message, ErrorCode code) {
        return write(json -> json.writeStringProperty("error", message).writeStringProperty("code", code.wire()));
    }

    /** What {@code status --json} prints when no daemon answers. */
    public static byte[] notRunning() {
        return write(json -> json.writeBooleanProperty("running", false));
    }

    public static byte[] status(VaultStatus status, Duration uptime, String version) {
        return write(json -> {
            json.writeBooleanProperty("running", true)
                    .writeBooleanProperty("locked", status.locked())
                    .writeBooleanProperty("vault_exists", status.vaultExists())
                    .writeNumberProperty("secret_count", status.secretCount());
            status.unlockedAt().ifPresent(at -> json.writeStringProperty("unlocked_at", rfc3339(at)));
            json.writeStringProperty("uptime", GoDuration.format(uptime));
            json.writeStringProperty("version", version);
            status.autoLockAt().ifPresent(at -> json.writeStringProperty("auto_lock_at", rfc3339(at)));
            status.maxUnlockAt().ifPresent(at -> json.writeStringProperty("max_unlock_at", rfc3339(at)));
            if (!status.legacyBackups().isEmpty()) {
                stringArray(json, "legacy_backups", status.legacyBackups());
            }
        });
    }

    /** {@code GET /challenge} on TCP: the daemon's proof that it holds the token. */
    public static byte[] proof(byte[] proof) {
        return write(json ->
                json.writeStringProperty("proof", java.util.HexFormat.of().formatHex(proof)));
    }

    /** {@code POST /forget-backups}: which files were removed. */
    public static byte[] backupsRemoved(List<String> removed) {
        return write(json -> {
            json.writeBooleanProperty("success", true)
                    .writeStringProperty(
                            "message",
                            removed.isEmpty()
                                    ? "no Go OmniVault backups to remove"
                                    : "removed " + String.join(" and ", removed));
            stringArray(json, "removed", removed);
        });
    }

    /** {@code POST /resolve}: {@code {"values": ["…", …]}}, one per reference, in order. */
    public static byte[] resolved(List<SecretValue> values) {
        return write(json -> {
            json.writeArrayPropertyStart("values");
            for (SecretValue value : values) {
                Json.writeValue(json, value);
            }
            json.writeEndArray();
        });
    }

    /**
     * {@code POST /generate}: {@code {"value": "…"}} for a password not stored; for one stored,
     * {@code {"success": true, "message", "rev"}}, with its {@code value} only when it was asked for.
     */
    public static byte[] generated(SecretValue value, long revision, boolean stored, boolean reveal) {
        return write(json -> {
            if (stored) {
                json.writeBooleanProperty("success", true)
                        .writeStringProperty("message", "secret saved")
                        .writeNumberProperty("rev", revision);
            }
            if (!stored || reveal) {
                json.writeName("value");
                Json.writeValue(json, value);
            }
        });
    }

    /** {@code GET /team}: the members by name, and the one this daemon is unlocked as. */
    public static byte[] team(Team team) {
        return write(json -> {
            json.writeArrayPropertyStart("members");
            for (MemberName member : team.members()) {
                json.writeStartObject()
                        .writeStringProperty("name", member.value())
                        .writeEndObject();
            }
            json.writeEndArray();
            json.writeStringProperty("unlocked_as", team.unlockedAs().value());
        });
    }

    private static void stringArray(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        values.forEach(json::writeString);
        json.writeEndArray();
    }

    public static byte[] secret(Secret secret) {
        return write(json -> {
            writeSecret(json, secret, true);
            json.writeNumberProperty("rev", secret.revision());
        });
    }

    /** {@code PUT /secret/:path}: the success shape, with the revision the secret is stored at. */
    public static byte[] stored(long revision) {
        return write(json -> json.writeBooleanProperty("success", true)
                .writeStringProperty("message", "secret saved")
                .writeNumberProperty("rev", revision));
    }

    /**
     * The members of {@code GET /secret/:path}'s object; without {@code values}, {@code has_value}
     * and {@code field_names} stand where the value and the fields' values would be.
     */
    private static void writeSecret(JsonGenerator json, Secret secret, boolean values) {
        json.writeStringProperty("path", secret.path().value());
        if (values) {
            json.writeName("value");
            writeSecretValue(json, secret.value());
            json.writeObjectPropertyStart("fields");
            for (Map.Entry<String, SecretValue> field : secret.fields().entrySet()) {
                json.writeName(field.getKey());
                writeSecretValue(json, field.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeBooleanProperty("has_value", !secret.value().isEmpty());
            json.writeArrayPropertyStart("field_names");
            for (String name : secret.fields().keySet()) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        json.writeObjectPropertyStart("tags");
        secret.tags().forEach(json::writeStringProperty);
        json.writeEndObject();
        json.writeStringProperty("created_at", rfc3339(secret.createdAt()));
        json.writeStringProperty("updated_at", rfc3339(secret.updatedAt()));
    }

    /** What an import did: the success shape, with how many secrets were new and how many replaced. */
    public static byte[] imported(int created, int replaced) {
        int total = created + replaced;
        return write(json -> json.writeBooleanProperty("success", true)
                .writeStringProperty(
                        "message",
                        "imported " + total + (total == 1 ? " secret" : " secrets") + " (" + created + " new, "
                                + replaced + " replaced)")
                .writeNumberProperty("created", created)
                .writeNumberProperty("replaced", replaced));
    }

    /**
     * {@code {"secrets": [...], "count": n}}: each secret in the shape of {@code GET /secret/:path}
     * when {@code values}, else with its field names and no value at all.
     */
    public static byte[] export(List<Secret> secrets, boolean values) {
        return Json.object(256 + secrets.size() * 160, json -> {
            json.writeArrayPropertyStart("secrets");
            for (Secret secret : secrets) {
                json.writeStartObject();
                writeSecret(json, secret, values);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberProperty("count", secrets.size());
        });
    }

    public static byte[] list(List<SecretSummary> summaries) {
        return write(json -> {
            json.writeArrayPropertyStart("secrets");
            for (SecretSummary summary : summaries) {
                json.writeStartObject();
                json.writeStringProperty("path", summary.path().value());
                json.writeBooleanProperty("has_value", summary.hasValue());
                json.writeBooleanProperty("has_fields", summary.hasFields());
                json.writeArrayPropertyStart("tags");
                for (String tag : summary.tagNames()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                json.writeStringProperty("updated_at", rfc3339(summary.updatedAt()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberProperty("count", summaries.size());
        });
    }

    /** RFC 3339 in UTC, as Go's time.Time marshals (nanoseconds only when there are any). */
    private static String rfc3339(Instant instant) {
        return instant.toString();
    }

    /** Decodes into a char array that is zeroed afterwards: the value never becomes a String here. */
    private static void writeSecretValue(JsonGenerator json, SecretValue value) {
        Json.writeValue(json, value);
    }

    private static byte[] write(Consumer<JsonGenerator> fields) {
        return Json.object(fields);
    }
}
