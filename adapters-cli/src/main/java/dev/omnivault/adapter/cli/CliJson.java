package dev.omnivault.adapter.cli;

import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretSummary;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** {@code --json}: the API's JSON shapes (SPEC §3), for scripts. */
final class CliJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private CliJson() {}

    static String notRunning() {
        return write(json -> json.writeBooleanProperty("running", false));
    }

    static String status(DaemonStatus daemon) {
        var vault = daemon.vault();
        return write(json -> {
            json.writeBooleanProperty("running", true)
                    .writeBooleanProperty("locked", vault.locked())
                    .writeBooleanProperty("vault_exists", vault.vaultExists())
                    .writeNumberProperty("secret_count", vault.secretCount());
            vault.unlockedAt().ifPresent(at -> json.writeStringProperty("unlocked_at", at.toString()));
            json.writeStringProperty("uptime", GoDuration.format(daemon.uptime()));
            json.writeStringProperty("version", daemon.version());
            vault.autoLockAt().ifPresent(at -> json.writeStringProperty("auto_lock_at", at.toString()));
            vault.maxUnlockAt().ifPresent(at -> json.writeStringProperty("max_unlock_at", at.toString()));
            if (!vault.legacyBackups().isEmpty()) {
                json.writeArrayPropertyStart("legacy_backups");
                vault.legacyBackups().forEach(json::writeString);
                json.writeEndArray();
            }
        });
    }

    static String secret(Secret secret) {
        return write(json -> writeSecret(json, secret, true));
    }

    /** A secret's members as the API writes them; without values, {@code has_value} and {@code field_names}. */
    private static void writeSecret(JsonGenerator json, Secret secret, boolean values) {
        json.writeStringProperty("path", secret.path().value());
        if (values) {
            json.writeStringProperty("value", secret.value().revealText());
            json.writeObjectPropertyStart("fields");
            secret.fields().forEach((name, value) -> json.writeStringProperty(name, value.revealText()));
            json.writeEndObject();
        } else {
            json.writeBooleanProperty("has_value", !secret.value().isEmpty());
            json.writeArrayPropertyStart("field_names");
            secret.fields().keySet().forEach(json::writeString);
            json.writeEndArray();
        }
        json.writeObjectPropertyStart("tags");
        secret.tags().forEach(json::writeStringProperty);
        json.writeEndObject();
        json.writeStringProperty("created_at", secret.createdAt().toString());
        json.writeStringProperty("updated_at", secret.updatedAt().toString());
    }

    /**
     * What {@code export} prints: each secret in the shape of {@code get --json} when {@code values}
     * (so that {@code import} takes it back), else with its field names and no value.
     */
    static String export(List<Secret> secrets, boolean values) {
        return write(json -> {
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

    static String list(List<SecretSummary> summaries) {
        return write(json -> {
            json.writeArrayPropertyStart("secrets");
            for (SecretSummary summary : summaries) {
                json.writeStartObject();
                json.writeStringProperty("path", summary.path().value());
                json.writeBooleanProperty("has_value", summary.hasValue());
                json.writeBooleanProperty("has_fields", summary.hasFields());
                json.writeArrayPropertyStart("tags");
                summary.tagNames().forEach(json::writeString);
                json.writeEndArray();
                json.writeStringProperty("updated_at", summary.updatedAt().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberProperty("count", summaries.size());
        });
    }

    private static String write(Consumer<JsonGenerator> fields) {
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            fields.accept(json);
            json.writeEndObject();
        }
        return out.toString();
    }
}
