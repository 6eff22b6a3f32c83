package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.Crypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a vault in the Go OmniVault's format 1 (SPEC §7) from scratch, with whatever paths a test
 * needs: JSON vault.meta with Argon2id settings and a verification blob, JSON vault.enc of
 * AES-GCM-sealed secret JSON, no associated data.
 */
final class GoVaultBuilder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Argon2Settings CHEAP = Argon2Settings.INSECURE_FOR_TESTS;

    private final Map<String, String> values = new LinkedHashMap<>();

    GoVaultBuilder secret(String goPath, String value) {
        values.put(goPath, value);
        return this;
    }

    /** Writes vault.meta, and vault.enc unless {@code withEnc} is false (the Go store reads that as empty). */
    void writeTo(Path dir, String password, boolean withEnc) throws IOException {
        Files.createDirectories(dir);
        byte[] salt = Crypto.randomBytes(32);
        byte[] key = Crypto.argon2id(password.getBytes(StandardCharsets.UTF_8), salt, CHEAP, 32);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("version", 1);
        meta.put("created_at", "2025-06-01T09:30:00Z");
        meta.put("salt", Base64.getEncoder().encodeToString(salt));
        ObjectNode params = meta.putObject("argon2_params");
        params.put("time", CHEAP.iterations());
        params.put("memory", CHEAP.memoryKiB());
        params.put("threads", CHEAP.parallelism());
        params.put("key_len", 32);
        meta.put(
                "verification",
                Base64.getEncoder()
                        .encodeToString(
                                Crypto.seal(key, new byte[0], "omnivault-v1".getBytes(StandardCharsets.US_ASCII))));
        Files.write(dir.resolve("vault.meta"), JSON.writeValueAsBytes(meta));
        if (withEnc) {
            ObjectNode enc = JSON.createObjectNode();
            ObjectNode secrets = enc.putObject("secrets");
            for (var entry : values.entrySet()) {
                ObjectNode secret = JSON.createObjectNode();
                secret.put("value", entry.getValue());
                ObjectNode metadata = secret.putObject("metadata");
                metadata.put("createdAt", "2025-06-02T10:00:00Z");
                metadata.put("modifiedAt", "2025-06-03T11:00:00Z");
                byte[] plaintext = JSON.writeValueAsBytes(secret);
                secrets.put(
                        entry.getKey(), Base64.getEncoder().encodeToString(Crypto.seal(key, new byte[0], plaintext)));
            }
            Files.write(dir.resolve("vault.enc"), JSON.writeValueAsBytes(enc));
        }
        Crypto.zero(key);
    }
}
