package dev.omnivault.protocol;

import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.Team;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The client's reading of the daemon's answers, in the shapes {@link Responses} writes (and a Go
 * daemon sends). A secret's value and its fields' values go from the parser's buffer into
 * {@link SecretValue}s through arrays that are zeroed, never into a String; the other members
 * (paths, tags, times, counts) are not secret. An answer that is not a JSON object is an
 * {@link IllegalStateException} saying so.
 */
public final class Answers {

    private Answers() {}

    /** What an error answer says: its code (as on the wire) and message. */
    public record Problem(String code, String message) {}

    /** The code and message of an error answer; empty when it is not one of the API. */
    public static Optional<Problem> problem(byte[] body) {
        Map<String, Object> json;
        try {
            json = object(body);
        } catch (IllegalStateException notJson) {
            return Optional.empty();
        }
        return Optional.of(new Problem(text(json, "code", ""), text(json, "error", "")));
    }

    /** Why {@code body} is not an answer of the API (not valid JSON, not an object), or empty. */
    public static Optional<String> malformation(byte[] body) {
        try {
            object(body);
            return Optional.empty();
        } catch (IllegalStateException malformed) {
            return Optional.of(String.valueOf(malformed.getMessage()));
        }
    }

    /** {@code GET /status}. */
    public static DaemonStatus status(byte[] body) {
        Map<String, Object> json = object(body);
        var vault = new VaultStatus(
                bool(json, "vault_exists"),
                bool(json, "locked"),
                json.get("secret_count") instanceof Number count ? count.intValue() : 0,
                instant(json, "unlocked_at"),
                instant(json, "auto_lock_at"),
                instant(json, "max_unlock_at"),
                strings(json, "legacy_backups"));
        return new DaemonStatus(vault, GoDuration.parse(text(json, "uptime", "0s")), text(json, "version", "unknown"));
    }

    /** {@code PUT /secret/:path}: the revision the secret is stored at (0 from a daemon that says none). */
    public static long revision(byte[] body) {
        return object(body).get("rev") instanceof Number n && n.longValue() > 0 ? n.longValue() : Secret.UNSTORED;
    }

    /** {@code GET /team}. */
    @SuppressWarnings("unchecked")
    public static Team team(byte[] body) {
        Map<String, Object> json = object(body);
        var members = new ArrayList<MemberName>();
        for (Object item : (List<Object>) json.getOrDefault("members", List.of())) {
            members.add(MemberName.of(text((Map<String, Object>) item, "name", "")));
        }
        return new Team(members, MemberName.of(text(json, "unlocked_as", MemberName.OWNER.value())));
    }

    /** The message of a success answer. */
    public static String message(byte[] body) {
        return text(object(body), "message", "");
    }

    /** {@code POST /forget-backups}: the files removed. */
    public static List<String> removed(byte[] body) {
        return strings(object(body), "removed");
    }

    /** {@code GET /challenge}: the daemon's proof, as hex. */
    public static String proof(byte[] body) {
        return text(object(body), "proof", "");
    }

    /** {@code POST /import}: how many secrets were new and how many replaced. */
    public static ImportResult imported(byte[] body) {
        Map<String, Object> json = object(body);
        return new ImportResult(number(json, "created"), number(json, "replaced"));
    }

    /** {@code GET /secrets}. */
    @SuppressWarnings("unchecked")
    public static List<SecretSummary> summaries(byte[] body) {
        var summaries = new ArrayList<SecretSummary>();
        for (Object item : (List<Object>) object(body).getOrDefault("secrets", List.of())) {
            var secret = (Map<String, Object>) item;
            summaries.add(new SecretSummary(
                    SecretPath.of(text(secret, "path", "")),
                    bool(secret, "has_value"),
                    bool(secret, "has_fields"),
                    strings(secret, "tags"),
                    instant(secret, "updated_at").orElse(Instant.EPOCH)));
        }
        return summaries;
    }

    /** {@code GET /secret/:path}: the secret at {@code path}; the caller closes it. */
    public static Secret secret(byte[] body, SecretPath path) {
        try (JsonParser parser = start(body)) {
            Secret secret = secret(parser, path);
            check(parser.nextToken() == null, "trailing content after the JSON object");
            return secret;
        } catch (JacksonException malformed) {
            throw notValidJson();
        }
    }

    /** {@code GET /export?values=true}: every secret, with its values; the caller closes them. */
    public static List<Secret> exported(byte[] body) {
        var secrets = new ArrayList<Secret>();
        try (JsonParser parser = start(body)) {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (!name.equals("secrets") || token != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    secrets.add(secret(parser, null));
                }
            }
            return secrets;
        } catch (RuntimeException failed) {
            secrets.forEach(Secret::close);
            throw failed instanceof JacksonException ? notValidJson() : failed;
        }
    }

    /** {@code POST /generate}: the value, when the answer holds one (else empty); the caller closes it. */
    public static SecretValue generated(byte[] body) {
        SecretValue value = SecretValue.empty();
        try (JsonParser parser = start(body)) {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (name.equals("value")) {
                    value.close();
                    value = valueAt(parser, token);
                } else {
                    parser.skipChildren();
                }
            }
            return value;
        } catch (RuntimeException failed) {
            value.close();
            throw failed instanceof JacksonException ? notValidJson() : failed;
        }
    }

    /** {@code POST /resolve}: the value of each reference, in order; the caller closes them. */
    public static List<SecretValue> resolved(byte[] body) {
        var values = new ArrayList<SecretValue>();
        try (JsonParser parser = start(body)) {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (!name.equals("values") || token != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    values.add(valueAt(parser, item));
                }
            }
            return values;
        } catch (RuntimeException failed) {
            values.forEach(SecretValue::close);
            throw failed instanceof JacksonException ? notValidJson() : failed;
        }
    }

    /**
     * One secret's object, the parser on its {@code START_OBJECT}; {@code path} when the request
     * named it, else the object's own.
     */
    private static Secret secret(JsonParser parser, @Nullable SecretPath path) {
        SecretValue value = SecretValue.empty();
        var fields = new TreeMap<String, SecretValue>();
        var tags = new TreeMap<String, String>();
        String ownPath = "";
        Optional<Instant> created = Optional.empty();
        Optional<Instant> updated = Optional.empty();
        long revision = Secret.UNSTORED;
        try {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "path" -> ownPath = token == JsonToken.VALUE_STRING ? parser.getString() : "";
                    case "value" -> {
                        value.close();
                        value = valueAt(parser, token);
                    }
                    case "fields" -> readStrings(parser, token, (key, p, t) -> fields.put(key, valueAt(p, t)));
                    case "tags" -> readStrings(parser, token, (key, p, t) -> tags.put(key, p.getString()));
                    case "created_at" -> created = instantAt(parser, token);
                    case "updated_at" -> updated = instantAt(parser, token);
                    case "rev" ->
                        revision = token == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() >= 0
                                ? parser.getLongValue()
                                : Secret.UNSTORED;
                    default -> parser.skipChildren();
                }
            }
            Instant createdAt = created.orElse(Instant.EPOCH);
            return Secret.restore(
                    path != null ? path : SecretPath.of(ownPath),
                    value,
                    fields,
                    tags,
                    createdAt,
                    updated.filter(at -> !at.isBefore(createdAt)).orElse(createdAt),
                    revision);
        } catch (RuntimeException failed) {
            // the secret owns its values once made; until then they are this reader's to zero
            value.close();
            fields.values().forEach(SecretValue::close);
            throw failed;
        }
    }

    @FunctionalInterface
    private interface Member {
        void accept(String key, JsonParser parser, JsonToken token);
    }

    private static void readStrings(JsonParser parser, JsonToken token, Member member) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        for (String key = parser.nextName(); key != null; key = parser.nextName()) {
            JsonToken valueToken = parser.nextToken();
            check(
                    valueToken == JsonToken.VALUE_STRING || valueToken == JsonToken.VALUE_NULL,
                    "the daemon's answer holds a value that is not a string");
            member.accept(key, parser, valueToken);
        }
    }

    private static SecretValue valueAt(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return SecretValue.empty();
        }
        check(token == JsonToken.VALUE_STRING, "the daemon's answer holds a value that is not a string");
        return Json.secretValue(parser);
    }

    private static Optional<Instant> instantAt(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING || parser.getString().isEmpty()) {
            parser.skipChildren();
            return Optional.empty();
        }
        return Optional.of(Instant.parse(parser.getString()));
    }

    /** A parser standing on the answer's {@code START_OBJECT}. */
    private static JsonParser start(byte[] body) {
        JsonParser parser = Json.parser(body);
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the daemon's answer is not a JSON object");
            }
            return parser;
        } catch (JacksonException malformed) {
            parser.close();
            throw notValidJson();
        } catch (IllegalStateException notObject) {
            parser.close();
            throw notObject;
        }
    }

    /** An answer the client cannot take is the daemon's fault, never the user's input. */
    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static IllegalStateException notValidJson() {
        return new IllegalStateException("the daemon's answer is not valid JSON");
    }

    /** An answer without secret values, as Strings, Booleans, Numbers, Lists and Maps. */
    private static Map<String, Object> object(byte[] body) {
        try (JsonParser parser = start(body)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) any(parser);
            return object;
        } catch (JacksonException malformed) {
            throw notValidJson();
        }
    }

    /** The current value as String, Boolean, Number, List or Map (insertion-ordered); null as "". */
    private static Object any(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            var object = new LinkedHashMap<String, Object>();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                parser.nextToken();
                object.put(name, any(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            var array = new ArrayList<Object>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(any(parser));
            }
            return array;
        }
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_NULL -> "";
            default -> parser.getString();
        };
    }

    private static String text(Map<String, Object> json, String name, String otherwise) {
        Object value = json.get(name);
        return value == null ? otherwise : String.valueOf(value);
    }

    private static boolean bool(Map<String, Object> json, String name) {
        return Boolean.TRUE.equals(json.get(name));
    }

    private static int number(Map<String, Object> json, String name) {
        return json.get(name) instanceof Number n ? n.intValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> json, String name) {
        return json.get(name) instanceof List<?> list
                ? ((List<Object>) list).stream().map(String::valueOf).toList()
                : List.of();
    }

    private static Optional<Instant> instant(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value instanceof String text && !text.isEmpty() ? Optional.of(Instant.parse(text)) : Optional.empty();
    }
}
