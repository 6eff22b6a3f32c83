package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Go OmniVault vaults, written here from SPEC §7 with the paths the Go daemon stores (spaces,
 * non-ASCII, a trailing '/', an empty segment, a tab), migrated by an unlock; then the Go
 * {@code vault.meta} put back over the migrated vault, as a restored backup or a sync conflict
 * does. Every Go secret must migrate, a re-migration over changes must be refused, no
 * acknowledged secret may be lost, and a migration with no change since must run again.
 */
final class RemigrationScenario implements Scenario {

    private static final String GO_PASSWORD = "go vault password";
    private static final String UNLOCK = "{\"password\":\"" + GO_PASSWORD + "\"}";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "remigration";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        var goSecrets = new LinkedHashMap<String, String>();
        goSecrets.put("plain/key", "1");
        goSecrets.put("with space/x", "2");
        goSecrets.put("grüße/ключ", "3");
        goSecrets.put("~!(),:", "4");
        goSecrets.put("trailing/", "5");
        goSecrets.put("a//b", "6");
        goSecrets.put("tab\there", "7");
        long migrated;
        long attempts = 0;
        long refused = 0;
        long lost = 0;
        boolean resumed;
        Path home = bench.newHome("remigration");
        writeGoVault(home, goSecrets);
        try (Daemon daemon = bench.start(home)) {
            daemon.http().request("POST", "/unlock", UNLOCK);
            migrated = Long.parseLong(
                    String.valueOf(Json.member(daemon.http().get("/status").body(), "secret_count")));
            var acknowledged = new LinkedHashMap<String, String>();
            for (int round = 0; round < 2; round++) {
                // round 0 changes the journal only; round 1 also writes vault.enc whole (an import)
                if (daemon.http()
                                .request("PUT", "/secret/plain/key", "{\"value\":\"changed " + round + "\"}")
                                .status()
                        == 200) {
                    acknowledged.put("plain/key", "changed " + round);
                }
                if (round == 1
                        && daemon.http()
                                        .request(
                                                "POST",
                                                "/import",
                                                "{\"secrets\":[{\"path\":\"new/one\",\"value\":\"n\"}]}")
                                        .status()
                                == 200) {
                    acknowledged.put("new/one", "n");
                }
                daemon.http().request("POST", "/lock", "");
                byte[] v2Meta = Files.readAllBytes(home.resolve("vault.meta"));
                Files.copy(
                        home.resolve("vault.meta.v1.bak"),
                        home.resolve("vault.meta"),
                        StandardCopyOption.REPLACE_EXISTING);
                attempts++;
                var reply = daemon.http().request("POST", "/unlock", UNLOCK);
                if (reply.status() != 200) {
                    refused++;
                } else {
                    daemon.http().request("POST", "/lock", "");
                }
                Files.write(home.resolve("vault.meta"), v2Meta);
                daemon.http().request("POST", "/unlock", UNLOCK);
                for (var secret : acknowledged.entrySet()) {
                    if (!secret.getValue()
                            .equals(Json.member(
                                    daemon.http()
                                            .get("/secret/" + secret.getKey())
                                            .body(),
                                    "value"))) {
                        lost++;
                    }
                }
            }
        }

        // a migration with nothing changed since: putting the Go vault.meta back migrates again
        Path again = bench.newHome("remigration-again");
        writeGoVault(again, Map.of("only/one", "x"));
        try (Daemon daemon = bench.start(again)) {
            daemon.http().request("POST", "/unlock", UNLOCK);
            daemon.http().request("POST", "/lock", "");
            Files.copy(
                    again.resolve("vault.meta.v1.bak"),
                    again.resolve("vault.meta"),
                    StandardCopyOption.REPLACE_EXISTING);
            resumed = daemon.http().request("POST", "/unlock", UNLOCK).status() == 200
                    && "x"
                            .equals(Json.member(
                                    daemon.http().get("/secret/only/one").body(), "value"));
        }
        return List.of(
                Figure.check(
                        name(),
                        "Go secrets migrated (7, 3 of them under new names)",
                        migrated,
                        "= " + goSecrets.size(),
                        migrated == goSecrets.size()),
                Figure.check(
                        name(), "re-migrations over changes refused", refused, "= " + attempts, refused == attempts),
                Figure.zero(name(), "acknowledged secrets lost", lost),
                Figure.check(name(), "a migration with no change since runs again", resumed ? 1 : 0, "1", resumed));
    }

    /** A Go OmniVault vault (format 1) in {@code home}, cheap Argon2id settings. */
    private static void writeGoVault(Path home, Map<String, String> secrets)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(home);
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(1)
                .withMemoryAsKB(1024)
                .withParallelism(1)
                .withSalt(salt)
                .build());
        byte[] key = new byte[32];
        generator.generateBytes(GO_PASSWORD.getBytes(StandardCharsets.UTF_8), key);
        String meta = "{\"version\":1,\"created_at\":\"2025-06-01T09:30:00Z\",\"salt\":\""
                + Base64.getEncoder().encodeToString(salt)
                + "\",\"argon2_params\":{\"time\":1,\"memory\":1024,\"threads\":1,\"key_len\":32},\"verification\":\""
                + sealed(key, "omnivault-v1".getBytes(StandardCharsets.US_ASCII)) + "\"}";
        var enc = new StringBuilder("{\"secrets\":{");
        boolean first = true;
        for (var secret : secrets.entrySet()) {
            String json = "{\"value\":\"" + secret.getValue()
                    + "\",\"metadata\":{\"createdAt\":\"2025-06-02T10:00:00Z\",\"modifiedAt\":\"2025-06-02T10:00:00Z\"}}";
            enc.append(first ? "" : ",")
                    .append('"')
                    .append(secret.getKey().replace("\t", "\\t"))
                    .append("\":\"")
                    .append(sealed(key, json.getBytes(StandardCharsets.UTF_8)))
                    .append('"');
            first = false;
        }
        Files.writeString(home.resolve("vault.meta"), meta);
        Files.writeString(home.resolve("vault.enc"), enc.append("}}").toString());
    }

    /** base64(nonce ‖ ciphertext ‖ tag) under AES-256-GCM with no associated data, as the Go original seals. */
    private static String sealed(byte[] key, byte[] plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] body = gcm.doFinal(plaintext);
        byte[] out = new byte[nonce.length + body.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(body, 0, out, nonce.length, body.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
