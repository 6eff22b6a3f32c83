package dev.omnivault.adapter.seal;

import dev.omnivault.domain.InvalidSecretPathException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a vault written by the Go OmniVault (format version 1, SPEC §7): JSON {@code vault.meta}
 * with the Argon2id settings and a verification blob, JSON {@code vault.enc} mapping each path to
 * AES-GCM(nonce ‖ ciphertext ‖ tag) of the secret's JSON, with no associated data. Read-only: the
 * store migrates what this returns to format 2.
 */
public final class GoV1Vault {

    /** The Go vault's two files, named in the damage this reports. */
    static final String META_FILE = "vault.meta";

    static final String ENC_FILE = "vault.enc";

    private static final byte[] VERIFICATION_TEXT = "omnivault-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_AAD = new byte[0];
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIN_SALT_BYTES = 16;
    private static final int MAX_SALT_BYTES = 64;

    private GoV1Vault() {}

    /** Whether {@code bytes} look like a v1 JSON file rather than a v2 binary one. */
    public static boolean looksLikeV1(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /** The settings of a v1 meta file, checked; for error messages and tests. */
    record Meta(Instant createdAt, byte[] salt, Argon2Settings kdf, int keyBytes, byte[] verification) {}

    static Meta readMeta(byte[] metaBytes) throws DamagedFileException {
        try {
            JsonNode root = JSON.readTree(metaBytes);
            if (root.path("version").asInt(-1) != 1) {
                throw new DamagedFileException("not a version 1 meta file");
            }
            JsonNode params = root.path("argon2_params");
            int keyBytes = params.path("key_len").asInt(-1);
            if (keyBytes != 16 && keyBytes != 24 && keyBytes != 32) {
                throw new DamagedFileException("unsupported key length");
            }
            byte[] salt = Base64.getDecoder().decode(root.path("salt").asString(""));
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
                throw new DamagedFileException("salt length out of range");
            }
            return new Meta(
                    instant(root.path("created_at").asString(""), Instant.EPOCH),
                    salt,
                    new Argon2Settings(
                            params.path("time").asInt(-1),
                            params.path("memory").asInt(-1),
                            params.path("threads").asInt(-1)),
                    keyBytes,
                    Base64.getDecoder().decode(root.path("verification").asString("")));
        } catch (RuntimeException malformed) {
            throw new DamagedFileException("malformed version 1 meta file");
        }
    }

    /** A secret whose Go path is not a valid path here, and the path it is stored under instead. */
    public record Renamed(String goPath, SecretPath storedAs) {}

    /** Every secret of a v1 vault, and those of them stored under a new path. */
    public record Contents(List<Secret> secrets, List<Renamed> renamed) {}

    /**
     * The secrets of a v1 vault, or empty when the password is wrong. No secret is left out: one
     * whose path is not valid here is given a new one ({@link Contents#renamed}).
     *
     * @throws DamagedFileException naming {@code vault.meta} or {@code vault.enc} as its file
     */
    public static Optional<Contents> open(byte[] metaBytes, byte[] encBytes, Passphrase passphrase)
            throws DamagedFileException {
        Meta meta;
        try {
            meta = readMeta(metaBytes);
        } catch (DamagedFileException damaged) {
            throw new DamagedFileException(META_FILE, damaged.getMessage());
        }
        byte[] password = passphrase.revealUtf8();
        byte[] key = Crypto.argon2id(password, meta.salt(), meta.kdf(), meta.keyBytes());
        Crypto.zero(password);
        try {
            if (!verifies(key, meta.verification())) {
                return Optional.empty();
            }
            return Optional.of(secrets(key, encBytes, meta.createdAt()));
        } finally {
            Crypto.zero(key);
        }
    }

    private static boolean verifies(byte[] key, byte[] verification) {
        try {
            byte[] text = Crypto.open(key, NO_AAD, verification);
            // Constant-time, as the Go original compares it.
            return MessageDigest.isEqual(text, VERIFICATION_TEXT);
        } catch (AEADBadTagException wrongPassword) {
            return false;
        }
    }

    private static Contents secrets(byte[] key, byte[] encBytes, Instant vaultCreatedAt) throws DamagedFileException {
        JsonNode secrets;
        try {
            secrets = JSON.readTree(encBytes).path("secrets");
        } catch (RuntimeException malformed) {
            throw new DamagedFileException(ENC_FILE, "malformed version 1 vault file");
        }
        // Paths valid here keep their names; the others are renamed around them.
        var taken = new HashSet<String>();
        for (Map.Entry<String, JsonNode> entry : secrets.properties()) {
            if (isValidPath(entry.getKey())) {
                taken.add(entry.getKey());
            }
        }
        var result = new ArrayList<Secret>();
        var renamed = new ArrayList<Renamed>();
        for (Map.Entry<String, JsonNode> entry : secrets.properties()) {
            byte[] plaintext = null;
            try {
                SecretPath path;
                if (isValidPath(entry.getKey())) {
                    path = SecretPath.of(entry.getKey());
                } else {
                    path = newPath(entry.getKey(), taken);
                    renamed.add(new Renamed(entry.getKey(), path));
                }
                plaintext = Crypto.open(
                        key, NO_AAD, Base64.getDecoder().decode(entry.getValue().asString("")));
                result.add(secret(path, JSON.readTree(plaintext), vaultCreatedAt));
            } catch (AEADBadTagException | RuntimeException damaged) {
                throw new DamagedFileException(ENC_FILE, "a secret does not decrypt or parse");
            } finally {
                if (plaintext != null) {
                    Crypto.zero(plaintext);
                }
            }
        }
        return new Contents(result, renamed);
    }

    private static boolean isValidPath(String text) {
        try {
            SecretPath.of(text);
            return true;
        } catch (InvalidSecretPathException invalid) {
            return false;
        }
    }

    /**
     * A valid path as close to {@code goPath} as can be: refused characters become {@code _},
     * empty segments go, {@code .} and {@code ..} segments get a leading {@code _}, and a
     * {@code ~2}, {@code ~3}… suffix keeps it apart from every path already {@code taken}.
     */
    static SecretPath newPath(String goPath, Set<String> taken) {
        var cleaned = new StringBuilder();
        goPath.codePoints().forEach(c -> cleaned.appendCodePoint(SecretPath.isAllowed(c) ? c : '_'));
        var segments = new ArrayList<String>();
        for (String segment : cleaned.toString().split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment.equals(".") || segment.equals("..") ? "_" + segment : segment);
            }
        }
        String base = segments.isEmpty() ? "migrated" : String.join("/", segments);
        base = fitting(base, SecretPath.MAX_BYTES - 8); // room for a ~N suffix
        String candidate = base;
        for (int n = 2; !taken.add(candidate) || !isValidPath(candidate); n++) {
            candidate = base + "~" + n;
        }
        return SecretPath.of(candidate);
    }

    /** The longest prefix of {@code text}, whole code points, of at most {@code maxBytes} of UTF-8, without a trailing '/'. */
    private static String fitting(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            int length = Character.toString(c).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > maxBytes) {
                break;
            }
            bytes += length;
            end += Character.charCount(c);
        }
        String cut = text.substring(0, end);
        while (cut.endsWith("/")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.isEmpty() ? "migrated" : cut;
    }

    private static Secret secret(SecretPath path, JsonNode json, Instant vaultCreatedAt) {
        SecretValue value = json.hasNonNull("valueBytes")
                ? SecretValue.ofUtf8(
                        Base64.getDecoder().decode(json.get("valueBytes").asString()))
                : SecretValue.ofText(json.path("value").asString(""));
        var fields = new TreeMap<String, SecretValue>();
        for (Map.Entry<String, JsonNode> field : json.path("fields").properties()) {
            fields.put(field.getKey(), SecretValue.ofText(field.getValue().asString("")));
        }
        JsonNode metadata = json.path("metadata");
        var tags = new TreeMap<String, String>();
        for (Map.Entry<String, JsonNode> tag : metadata.path("tags").properties()) {
            tags.put(tag.getKey(), tag.getValue().asString(""));
        }
        Instant created = instant(metadata.path("createdAt").asString(""), vaultCreatedAt);
        Instant modified = instant(metadata.path("modifiedAt").asString(""), created);
        return Secret.restore(path, value, fields, tags, created, modified.isBefore(created) ? created : modified);
    }

    private static Instant instant(String rfc3339, Instant fallback) {
        return rfc3339.isEmpty() ? fallback : OffsetDateTime.parse(rfc3339).toInstant();
    }
}
