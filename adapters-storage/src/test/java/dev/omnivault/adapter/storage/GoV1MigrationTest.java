package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.GoV1Vault;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real Go OmniVault vault of the shared fixtures opens, migrates to format 2, and reopens. */
class GoV1MigrationTest {

    private static final String GO_PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private Path fixture;

    /** The shared fixtures sit beside the repository: walk up from the working directory to find them. */
    static Path fixtureDirectory() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/fixtures/go-v1-vault");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "shared/fixtures/go-v1-vault not found above " + Path.of("").toAbsolutePath());
    }

    @BeforeEach
    void copyFixture() throws IOException {
        fixture = fixtureDirectory();
        for (String name : new String[] {"vault.meta", "vault.enc"}) {
            Files.copy(fixture.resolve(name), dir.resolve(name));
        }
    }

    private static Map<String, JsonNode> expected() throws IOException {
        JsonNode root = JsonMapper.builder()
                .build()
                .readTree(Files.readAllBytes(fixtureDirectory().resolve("expected-secrets.json")));
        var expected = new TreeMap<String, JsonNode>();
        root.properties().forEach(entry -> expected.put(entry.getKey(), entry.getValue()));
        return expected;
    }

    private static void assertHoldsExactlyTheExpectedSecrets(VaultSession session) throws IOException {
        Map<String, JsonNode> expected = expected();
        assertEquals(
                expected.keySet().stream().toList(),
                session.list("").stream().map(s -> s.path().value()).toList());
        for (var entry : expected.entrySet()) {
            JsonNode want = entry.getValue();
            try (Secret got = session.read(SecretPath.of(entry.getKey())).orElseThrow()) {
                assertEquals(want.path("value").asString(), got.value().revealText(), entry.getKey());
                var wantFields = new TreeMap<String, String>();
                want.path("fields")
                        .properties()
                        .forEach(f -> wantFields.put(f.getKey(), f.getValue().asString()));
                var gotFields = new TreeMap<String, String>();
                got.fields().forEach((name, value) -> gotFields.put(name, value.revealText()));
                assertEquals(wantFields, gotFields, entry.getKey());
                var wantTags = new TreeMap<String, String>();
                want.path("metadata")
                        .path("tags")
                        .properties()
                        .forEach(t -> wantTags.put(t.getKey(), t.getValue().asString()));
                assertEquals(wantTags, got.tags(), entry.getKey());
                assertEquals(
                        Instant.parse(want.path("metadata").path("createdAt").asString()), got.createdAt());
                assertEquals(
                        Instant.parse(want.path("metadata").path("modifiedAt").asString()), got.updatedAt());
            }
        }
    }

    @Test
    void theGoVault_opensWithExactlyItsSecrets_migrates_andReopens() throws IOException {
        try (VaultSession session = open(store(dir), GO_PASSWORD).orElseThrow()) {
            assertHoldsExactlyTheExpectedSecrets(session);
        }

        assertFalse(GoV1Vault.looksLikeV1(bytes(dir.resolve("vault.meta"))), "vault.meta is now format 2");
        assertFalse(GoV1Vault.looksLikeV1(bytes(dir.resolve("vault.enc"))), "vault.enc is now format 2");
        assertArrayEquals(bytes(fixture.resolve("vault.meta")), bytes(dir.resolve("vault.meta.v1.bak")));
        assertArrayEquals(bytes(fixture.resolve("vault.enc")), bytes(dir.resolve("vault.enc.v1.bak")));

        try (VaultSession reopened = open(store(dir), GO_PASSWORD).orElseThrow()) {
            assertHoldsExactlyTheExpectedSecrets(reopened);
        }
    }

    @Test
    void aWrongPassword_changesNothing() {
        assertEquals(Optional.empty(), open(store(dir), "not the password"));
        assertArrayEquals(bytes(fixture.resolve("vault.meta")), bytes(dir.resolve("vault.meta")));
        assertArrayEquals(bytes(fixture.resolve("vault.enc")), bytes(dir.resolve("vault.enc")));
        assertFalse(Files.exists(dir.resolve("vault.meta.v1.bak")));
    }

    /** A crash after vault.enc was replaced but before vault.meta was: v1 meta, v2 enc, v1 backup. */
    @Test
    void aMigrationInterruptedBetweenTheTwoFiles_stillOpens() throws IOException {
        Path elsewhere = dir.resolve("finished");
        Files.createDirectory(elsewhere);
        Files.copy(fixture.resolve("vault.meta"), elsewhere.resolve("vault.meta"));
        Files.copy(fixture.resolve("vault.enc"), elsewhere.resolve("vault.enc"));
        open(store(elsewhere), GO_PASSWORD).orElseThrow().close();

        Files.copy(fixture.resolve("vault.enc"), dir.resolve("vault.enc.v1.bak"));
        Files.copy(
                elsewhere.resolve("vault.enc"),
                dir.resolve("vault.enc"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (VaultSession session = open(store(dir), GO_PASSWORD).orElseThrow()) {
            assertHoldsExactlyTheExpectedSecrets(session);
        }
        assertFalse(GoV1Vault.looksLikeV1(bytes(dir.resolve("vault.meta"))));
    }

    @Test
    void aMigrationInterruptedWhileWritingABackup_stillOpens() throws IOException {
        Files.write(dir.resolve(".vault.enc.v1.bak.0123456789ab.tmp"), new byte[] {1, 2, 3});
        try (VaultSession session = open(store(dir), GO_PASSWORD).orElseThrow()) {
            assertHoldsExactlyTheExpectedSecrets(session);
        }
    }

    @Test
    void changingThePassword_ofAGoVault_migratesItFirst() {
        var store = store(dir);
        try (var current = Passphrase.adopt(GO_PASSWORD.toCharArray());
                var replacement = Passphrase.adopt("a brand new passphrase".toCharArray())) {
            assertTrue(store.changePassphrase(current, replacement));
        }
        assertEquals(Optional.empty(), open(store, GO_PASSWORD));
        try (VaultSession session = open(store, "a brand new passphrase").orElseThrow()) {
            assertEquals(5, session.count());
        }
    }

    @Test
    void aDamagedGoVaultFile_isReportedAndKept() throws IOException {
        byte[] damaged = bytes(dir.resolve("vault.enc"));
        damaged[40] = (byte) (damaged[40] == 'A' ? 'B' : 'A');
        Files.write(dir.resolve("vault.enc"), damaged);
        StoreFixture.assertCorrupted(store(dir), "vault.enc");
        assertArrayEquals(damaged, bytes(dir.resolve("vault.enc")));
    }
}
