package dev.omnivault.protocol;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.PasswordRecipe;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretReference;
import dev.omnivault.domain.SecretValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The API's request bodies (SPEC §3), written by the client and read by the daemon (and, for an
 * import, by the CLI from a file): passwords and secret values go between the parser's or the
 * generator's buffers and {@code char[]}/{@code byte[]} that are zeroed, never into a String.
 * Reading is strict: one JSON object, no duplicate names, each known field of its type; unknown
 * fields are ignored, as the Go original does.
 */
public final class Requests {

    private Requests() {}

    /** {@code {"password": "…"}} ({@code /init}, {@code /unlock}). */
    public static byte[] password(Passphrase passphrase) {
        char[] chars = passphrase.revealChars();
        try {
            return Json.object(json -> Json.writeChars(json, "password", chars));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * {@code {"password": "…", "member": "…"}} ({@code /unlock} of a team vault's member; without a
     * member it is {@link #password(Passphrase)}, the Go original's body).
     */
    public static byte[] unlock(Passphrase passphrase, Optional<MemberName> member) {
        if (member.isEmpty()) {
            return password(passphrase);
        }
        char[] chars = passphrase.revealChars();
        try {
            return Json.object(json -> {
                Json.writeChars(json, "password", chars);
                json.writeStringProperty("member", member.get().value());
            });
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** {@code {"name": "…", "password": "…"}} ({@code /team/add}). */
    public static byte[] newMember(MemberName name, Passphrase passphrase) {
        char[] chars = passphrase.revealChars();
        try {
            return Json.object(json -> {
                json.writeStringProperty("name", name.value());
                Json.writeChars(json, "password", chars);
            });
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** {@code {"refs": ["omnivault://…", …]}} ({@code /resolve}). */
    public static byte[] references(List<SecretReference> references) {
        return Json.object(json -> {
            json.writeArrayPropertyStart("refs");
            references.forEach(reference -> json.writeString(reference.text()));
            json.writeEndArray();
        });
    }

    /** {@code {"refs": ["omnivault://…", …]}}: the references, in order. */
    public static List<SecretReference> references(byte[] body) {
        var references = new ArrayList<SecretReference>();
        try (JsonParser parser = Json.parser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
            boolean given = false;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (!name.equals("refs")) {
                    parser.skipChildren();
                    continue;
                }
                expect(token == JsonToken.START_ARRAY, "refs must be an array of references");
                given = true;
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    expect(item == JsonToken.VALUE_STRING, "refs must be an array of references");
                    references.add(SecretReference.parse(parser.getString()));
                }
            }
            expect(given, "refs is required");
            expect(parser.nextToken() == null, "trailing content after the JSON object");
            return references;
        } catch (JacksonException malformed) {
            throw new InvalidInputException("invalid request body");
        }
    }

    /** A move or a copy ({@code /move}, {@code /copy}): from where, to where, and whether TO may be replaced. */
    public record Move(SecretPath from, SecretPath to, boolean force) {}

    /** {@code {"from": "…", "to": "…", "force": false}}. */
    public static byte[] move(SecretPath from, SecretPath to, boolean force) {
        return Json.object(json -> json.writeStringProperty("from", from.value())
                .writeStringProperty("to", to.value())
                .writeBooleanProperty("force", force));
    }

    /** {@code {"from": "…", "to": "…", "force": false}}: both paths required, {@code force} false when absent. */
    public static Move move(byte[] body) {
        Map<String, Object> fields = readPlain(body);
        return new Move(path(fields, "from"), path(fields, "to"), flag(fields, "force"));
    }

    /**
     * A generation ({@code /generate}): where to store it (none: only return it), how, whether an
     * existing secret's value may be replaced, and whether the value is returned when stored.
     */
    public record Generation(Optional<SecretPath> path, PasswordRecipe recipe, boolean force, boolean reveal) {}

    /** {@code {"path"?, "length", "symbols", "words", "force", "reveal"}}. */
    public static byte[] generation(Generation generation) {
        return Json.object(json -> {
            generation.path().ifPresent(path -> json.writeStringProperty("path", path.value()));
            json.writeNumberProperty("length", generation.recipe().length())
                    .writeBooleanProperty("symbols", generation.recipe().symbols())
                    .writeNumberProperty("words", generation.recipe().words())
                    .writeBooleanProperty("force", generation.force())
                    .writeBooleanProperty("reveal", generation.reveal());
        });
    }

    /** {@code /generate}'s body; every field may be left out (24 characters with symbols, not stored). */
    public static Generation generation(byte[] body) {
        Map<String, Object> fields = readPlain(body);
        Optional<SecretPath> path = fields.containsKey("path") ? Optional.of(path(fields, "path")) : Optional.empty();
        var recipe = new PasswordRecipe(
                number(fields, "length", PasswordRecipe.DEFAULT_LENGTH),
                !fields.containsKey("symbols") || flag(fields, "symbols"),
                number(fields, "words", 0));
        return new Generation(path, recipe, flag(fields, "force"), flag(fields, "reveal"));
    }

    private static SecretPath path(Map<String, Object> fields, String name) {
        if (!(fields.get(name) instanceof String text)) {
            throw new InvalidInputException(name + " is required (a secret path)");
        }
        return SecretPath.of(text);
    }

    private static boolean flag(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        expect(value == null || value instanceof Boolean, name + " must be true or false");
        return Boolean.TRUE.equals(value);
    }

    private static int number(Map<String, Object> fields, String name, int fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        expect(value instanceof Integer, name + " must be a whole number");
        return (Integer) value;
    }

    /**
     * An object of plain fields (no secret in them): strings, booleans and whole numbers that fit an
     * int; anything else of a known shape is refused by its reader, unknown fields are skipped.
     */
    private static Map<String, Object> readPlain(byte[] body) {
        var fields = new HashMap<String, Object>();
        try (JsonParser parser = Json.parser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (token) {
                    case VALUE_STRING -> fields.put(name, parser.getString());
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, token == JsonToken.VALUE_TRUE);
                    case VALUE_NUMBER_INT -> {
                        long number = parser.getLongValue();
                        expect(number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE, name + " is out of range");
                        fields.put(name, (int) number);
                    }
                    case VALUE_NULL -> {}
                    default -> {
                        parser.skipChildren();
                        fields.put(name, token.name()); // of no known shape: its reader says so
                    }
                }
            }
            expect(parser.nextToken() == null, "trailing content after the JSON object");
            return fields;
        } catch (JacksonException malformed) {
            throw new InvalidInputException("invalid request body");
        }
    }

    /** {@code {"name": "…"}} ({@code /team/remove}). */
    public static byte[] memberName(MemberName name) {
        return Json.object(json -> json.writeStringProperty("name", name.value()));
    }

    /** {@code {"old_password": "…", "new_password": "…"}} ({@code /change-password}). */
    public static byte[] passwordChange(Passphrase current, Passphrase replacement) {
        return passwordChange(current, replacement, Optional.empty());
    }

    /** {@link #passwordChange(Passphrase, Passphrase)} of {@code member}'s passphrase, when one is named. */
    public static byte[] passwordChange(Passphrase current, Passphrase replacement, Optional<MemberName> member) {
        char[] old = current.revealChars();
        char[] next = replacement.revealChars();
        try {
            return Json.object(json -> {
                Json.writeChars(json, "old_password", old);
                Json.writeChars(json, "new_password", next);
                member.ifPresent(name -> json.writeStringProperty("member", name.value()));
            });
        } finally {
            Arrays.fill(old, '\0');
            Arrays.fill(next, '\0');
        }
    }

    /** {@code {"value": "…", "fields": {…}, "tags": {…}}} ({@code PUT /secret/:path}). */
    public static byte[] content(SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
        return Json.object(json -> writeContent(json, value, fields, tags));
    }

    /** {@link #content(SecretValue, Map, Map)}, written only over {@code ifRevision} when there is one. */
    public static byte[] content(
            SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags, OptionalLong ifRevision) {
        return Json.object(json -> {
            writeContent(json, value, fields, tags);
            ifRevision.ifPresent(revision -> json.writeNumberProperty("if_rev", revision));
        });
    }

    /** {@code {"secrets": [{"path": "…", "value": "…", "fields": {…}, "tags": {…}}, …]}} ({@code /import}). */
    public static byte[] secrets(List<PutSecretCommand> secrets) {
        return Json.object(256 + secrets.size() * 128, json -> {
            json.writeArrayPropertyStart("secrets");
            for (PutSecretCommand secret : secrets) {
                json.writeStartObject();
                json.writeStringProperty("path", secret.path().value());
                writeContent(json, secret.value(), secret.fields(), secret.tags());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void writeContent(
            JsonGenerator json, SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
        json.writeName("value");
        Json.writeValue(json, value);
        json.writeObjectPropertyStart("fields");
        for (var field : fields.entrySet()) {
            json.writeName(field.getKey());
            Json.writeValue(json, field.getValue());
        }
        json.writeEndObject();
        json.writeObjectPropertyStart("tags");
        tags.forEach(json::writeStringProperty);
        json.writeEndObject();
    }

    /** {@code {"password": "…"}}; the caller closes the passphrase. */
    public static Passphrase password(byte[] body) {
        Map<String, char[]> texts = readObject(body, "password");
        char[] password = texts.get("password");
        if (password == null) {
            throw new InvalidInputException("password is required");
        }
        return Passphrase.adopt(password);
    }

    /** An unlock's passphrase and the member it is for (none: the owner); the caller closes it. */
    public record Unlocking(Passphrase passphrase, Optional<MemberName> member) implements AutoCloseable {
        @Override
        public void close() {
            passphrase.close();
        }
    }

    /** {@code {"password": "…", "member": "…"}}, the member optional. */
    public static Unlocking unlock(byte[] body) {
        Map<String, char[]> texts = readObject(body, "password", "member");
        char[] password = texts.get("password");
        Optional<MemberName> member;
        try {
            member = memberIn(texts);
        } catch (InvalidInputException invalid) {
            texts.values().forEach(chars -> Arrays.fill(chars, '\0'));
            throw invalid;
        }
        if (password == null) {
            throw new InvalidInputException("password is required");
        }
        return new Unlocking(Passphrase.adopt(password), member);
    }

    /** A new member's name and first passphrase; the caller closes it. */
    public record NewMember(MemberName name, Passphrase passphrase) implements AutoCloseable {
        @Override
        public void close() {
            passphrase.close();
        }
    }

    /** {@code {"name": "…", "password": "…"}}. */
    public static NewMember newMember(byte[] body) {
        Map<String, char[]> texts = readObject(body, "name", "password");
        char[] password = texts.get("password");
        try {
            MemberName name = memberIn(texts, "name").orElseThrow(() -> new InvalidInputException("name is required"));
            if (password == null) {
                throw new InvalidInputException("password is required");
            }
            return new NewMember(name, Passphrase.adopt(password));
        } catch (InvalidInputException invalid) {
            texts.values().forEach(chars -> Arrays.fill(chars, '\0'));
            throw invalid;
        }
    }

    /** {@code {"name": "…"}}. */
    public static MemberName memberName(byte[] body) {
        return memberIn(readObject(body, "name"), "name")
                .orElseThrow(() -> new InvalidInputException("name is required"));
    }

    private static Optional<MemberName> memberIn(Map<String, char[]> texts) {
        return memberIn(texts, "member");
    }

    /** The member name in field {@code field} (not a secret: it is copied into a String), if there is one. */
    private static Optional<MemberName> memberIn(Map<String, char[]> texts, String field) {
        char[] name = texts.remove(field);
        return name == null ? Optional.empty() : Optional.of(new MemberName(new String(name)));
    }

    /** The two passphrases of a change, and the member whose they are (none: the owner); the caller closes both. */
    public record PasswordChange(Passphrase current, Passphrase replacement, Optional<MemberName> member)
            implements AutoCloseable {

        public PasswordChange(Passphrase current, Passphrase replacement) {
            this(current, replacement, Optional.empty());
        }

        @Override
        public void close() {
            current.close();
            replacement.close();
        }
    }

    /** {@code {"old_password": "…", "new_password": "…"}}. */
    public static PasswordChange passwordChange(byte[] body) {
        Map<String, char[]> texts = readObject(body, "old_password", "new_password", "member");
        char[] current = texts.get("old_password");
        char[] replacement = texts.get("new_password");
        Optional<MemberName> member;
        try {
            member = memberIn(texts);
            if (current == null || replacement == null) {
                throw new InvalidInputException("old_password and new_password are required");
            }
        } catch (InvalidInputException invalid) {
            texts.values().forEach(chars -> Arrays.fill(chars, '\0'));
            throw invalid;
        }
        return new PasswordChange(Passphrase.adopt(current), Passphrase.adopt(replacement), member);
    }

    /**
     * A secret's new content, and the revision it must still be at ({@code if_rev}), if the write
     * is conditional; the caller closes the values.
     */
    public record SecretContent(
            SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags, OptionalLong ifRevision)
            implements AutoCloseable {

        public SecretContent(SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
            this(value, fields, tags, OptionalLong.empty());
        }

        @Override
        public void close() {
            value.close();
            fields.values().forEach(SecretValue::close);
        }
    }

    /**
     * {@code {"value"?: "…", "fields"?: {name: "…"}, "tags"?: {name: "…"}, "if_rev"?: n}}; absent or
     * null means empty (and, for {@code if_rev}, an unconditional write).
     */
    public static SecretContent content(byte[] body) {
        OptionalLong ifRevision = OptionalLong.empty();
        SecretValue value = SecretValue.empty();
        var fields = new HashMap<String, SecretValue>();
        var tags = new HashMap<String, String>();
        try (JsonParser parser = Json.parser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "value" -> {
                        if (token != JsonToken.VALUE_NULL) {
                            expect(token == JsonToken.VALUE_STRING, "value must be a string");
                            value = secretValue(parser);
                        }
                    }
                    case "fields" ->
                        readStringMap(parser, token, "fields", (key, p) -> fields.put(key, secretValue(p)));
                    case "tags" -> readStringMap(parser, token, "tags", (key, p) -> tags.put(key, p.getString()));
                    case "if_rev" -> ifRevision = revision(parser, token);
                    default -> parser.skipChildren();
                }
            }
            expect(parser.nextToken() == null, "trailing content after the JSON object");
            return new SecretContent(value, fields, tags, ifRevision);
        } catch (JacksonException malformed) {
            value.close();
            fields.values().forEach(SecretValue::close);
            throw new InvalidInputException("invalid request body");
        } catch (InvalidInputException invalid) {
            value.close();
            fields.values().forEach(SecretValue::close);
            throw invalid;
        }
    }

    /** {@code if_rev}: null for none, else a whole number from 0 (0: only if there is no secret yet). */
    private static OptionalLong revision(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return OptionalLong.empty();
        }
        expect(
                token == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        && parser.getLongValue() >= 0,
                "if_rev must be a whole number from 0 (0: only if there is no secret yet)");
        return OptionalLong.of(parser.getLongValue());
    }

    /** One secret of an import: its path and content; the caller closes the values. */
    public record ImportedSecret(SecretPath path, SecretContent content) {}

    /** The secrets of an import, which close all their values together. */
    public record ImportBody(List<ImportedSecret> secrets) implements AutoCloseable {
        /** The secrets as put commands of {@code caller} (their values still this body's to close). */
        public List<PutSecretCommand> commands(Caller caller) {
            return secrets.stream()
                    .map(secret -> new PutSecretCommand(
                            secret.path(),
                            secret.content().value(),
                            secret.content().fields(),
                            secret.content().tags(),
                            caller))
                    .toList();
        }

        @Override
        public void close() {
            secrets.forEach(secret -> secret.content().close());
        }
    }

    /**
     * {@code {"secrets": [{"path": "…", "value"?: "…", "fields"?: {…}, "tags"?: {…}}, …]}}: the
     * shape {@code GET /export?values=true} writes (its instants are ignored: an import writes now).
     */
    public static ImportBody secrets(byte[] body) {
        return secrets(body, false);
    }

    /**
     * {@link #secrets(byte[])}, also taking a bare array of secrets when {@code arrayAllowed}
     * (an import file).
     */
    public static ImportBody secrets(byte[] body, boolean arrayAllowed) {
        var secrets = new ArrayList<ImportedSecret>();
        try (JsonParser parser = Json.parser(body)) {
            JsonToken first = parser.nextToken();
            if (arrayAllowed && first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    secrets.add(importedSecret(parser));
                }
                expect(parser.currentToken() == JsonToken.END_ARRAY, "secrets must be an array of secrets");
                expect(parser.nextToken() == null, "trailing content after the JSON array");
                return new ImportBody(List.copyOf(secrets));
            }
            expect(
                    first == JsonToken.START_OBJECT,
                    arrayAllowed
                            ? "the JSON must be an object with secrets, or an array"
                            : "the body must be a JSON object");
            boolean seen = false;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (!name.equals("secrets")) {
                    parser.skipChildren();
                    continue;
                }
                seen = true;
                expect(token == JsonToken.START_ARRAY, "secrets must be an array of secrets");
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    secrets.add(importedSecret(parser));
                }
                expect(parser.currentToken() == JsonToken.END_ARRAY, "secrets must be an array of secrets");
            }
            expect(seen, "secrets is required");
            expect(parser.nextToken() == null, "trailing content after the JSON object");
            return new ImportBody(List.copyOf(secrets));
        } catch (JacksonException | InvalidInputException failed) {
            new ImportBody(secrets).close();
            throw failed instanceof InvalidInputException invalid
                    ? invalid
                    : new InvalidInputException("invalid request body");
        }
    }

    /** One element of the secrets array; the parser stands on its START_OBJECT. */
    private static ImportedSecret importedSecret(JsonParser parser) {
        @Nullable String path = null;
        SecretValue value = SecretValue.empty();
        var fields = new HashMap<String, SecretValue>();
        var tags = new HashMap<String, String>();
        try {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "path" -> {
                        expect(token == JsonToken.VALUE_STRING, "path must be a string");
                        path = parser.getString();
                    }
                    case "value" -> {
                        if (token != JsonToken.VALUE_NULL) {
                            expect(token == JsonToken.VALUE_STRING, "value must be a string");
                            value.close();
                            value = secretValue(parser);
                        }
                    }
                    case "fields" ->
                        readStringMap(parser, token, "fields", (key, p) -> fields.put(key, secretValue(p)));
                    case "tags" -> readStringMap(parser, token, "tags", (key, p) -> tags.put(key, p.getString()));
                    default -> parser.skipChildren();
                }
            }
            if (path == null) {
                throw new InvalidInputException("every secret needs a path");
            }
            return new ImportedSecret(SecretPath.of(path), new SecretContent(value, fields, tags));
        } catch (RuntimeException failed) {
            value.close();
            fields.values().forEach(SecretValue::close);
            throw failed;
        }
    }

    @FunctionalInterface
    private interface StringEntry {
        void accept(String key, JsonParser parser);
    }

    private static void readStringMap(JsonParser parser, JsonToken token, String what, StringEntry entry) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        expect(token == JsonToken.START_OBJECT, what + " must be an object of strings");
        for (String key = parser.nextName(); key != null; key = parser.nextName()) {
            expect(parser.nextToken() == JsonToken.VALUE_STRING, what + " values must be strings");
            entry.accept(key, parser);
        }
    }

    /** Reads an object whose wanted fields are strings, copied out as char arrays. */
    private static Map<String, char[]> readObject(byte[] body, String... wanted) {
        var texts = new HashMap<String, char[]>();
        try (JsonParser parser = Json.parser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (Arrays.asList(wanted).contains(name)) {
                    expect(token == JsonToken.VALUE_STRING, name + " must be a string");
                    texts.put(name, chars(parser));
                } else {
                    parser.skipChildren();
                }
            }
            expect(parser.nextToken() == null, "trailing content after the JSON object");
            return texts;
        } catch (JacksonException | InvalidInputException failed) {
            texts.values().forEach(chars -> Arrays.fill(chars, '\0'));
            throw failed instanceof InvalidInputException invalid
                    ? invalid
                    : new InvalidInputException("invalid request body");
        }
    }

    private static void expect(boolean condition, String message) {
        Json.expect(condition, message);
    }

    private static char[] chars(JsonParser parser) {
        return Json.chars(parser);
    }

    private static SecretValue secretValue(JsonParser parser) {
        return Json.secretValue(parser);
    }
}
