package dev.omnivault.adapter.storage;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
final class GoV1Vault {

    private static final byte[] VERIFICATION_TEXT = "omnivault-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_AAD = new byte[0];
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIN_SALT_BYTES = 16;
    private static final int MAX_SALT_BYTES = 64;

    private GoV1Vault() {}

    /** Whether {@code bytes} look like a v1 JSON file rather than a v2 binary one. */
    static boolean looksLikeV1(byte[] bytes) {
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

    /**
     * The secrets of a v1 vault, or empty when the password is wrong.
     *
     * @throws DamagedFileException naming {@code vault.meta} or {@code vault.enc} as its file
     */
    static Optional<List<Secret>> open(byte[] metaBytes, byte[] encBytes, Passphrase passphrase)
            throws DamagedFileException {
        Meta meta;
        try {
            meta = readMeta(metaBytes);
        } catch (DamagedFileException damaged) {
            throw new DamagedFileException(EncryptedFileVaultStore.META_FILE, damaged.getMessage());
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

    private static List<Secret> secrets(byte[] key, byte[] encBytes, Instant vaultCreatedAt)
            throws DamagedFileException {
        JsonNode secrets;
        try {
            secrets = JSON.readTree(encBytes).path("secrets");
        } catch (RuntimeException malformed) {
            throw new DamagedFileException(EncryptedFileVaultStore.ENC_FILE, "malformed version 1 vault file");
        }
        var result = new ArrayList<Secret>();
        for (Map.Entry<String, JsonNode> entry : secrets.properties()) {
            byte[] plaintext = null;
            try {
                plaintext = Crypto.open(
                        key, NO_AAD, Base64.getDecoder().decode(entry.getValue().asString("")));
                result.add(secret(SecretPath.of(entry.getKey()), JSON.readTree(plaintext), vaultCreatedAt));
            } catch (AEADBadTagException | RuntimeException damaged) {
                throw new DamagedFileException(EncryptedFileVaultStore.ENC_FILE, "a secret does not decrypt or parse");
            } finally {
                if (plaintext != null) {
                    Crypto.zero(plaintext);
                }
            }
        }
        return result;
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
