package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.GoV1Vault;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go OmniVault vaults as the Go daemon writes them, built here from SPEC §7: every secret
 * migrates whatever its path, a missing vault.enc is an empty vault, and a migration never runs
 * again over a migrated vault that has changed since.
 */
class GoV1EveryPathTest {

    private static final String PASSWORD = "go vault password";

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private EncryptedFileVaultStore store() {
        return new EncryptedFileVaultStore(
                dir, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system(), warnings::add);
    }

    private Optional<VaultSession> open(String password) {
        try (var passphrase = Passphrase.adopt(password.toCharArray())) {
            return store().open(passphrase);
        }
    }

    @Test
    void pathsTheGoDaemonStores_allMigrate_keepingTheirNamesWhereTheyAreValid() throws IOException {
        new GoVaultBuilder()
                .secret("with space/x", "1")
                .secret("colon:x", "2")
                .secret("grüße/ключ/鍵", "3")
                .secret("~!(),", "4")
                .secret("trailing", "5")
                .secret("trailing/", "6")
                .secret("a//b", "7")
                .secret("./dot/..", "8")
                .secret("line\nbreak", "9")
                .secret("100%", "10")
                .secret("back\\slash", "11")
                .writeTo(dir, PASSWORD, true);
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals(11, session.count(), "no secret is dropped");
            assertEquals("1", valueAt(session, "with space/x"));
            assertEquals("2", valueAt(session, "colon:x"));
            assertEquals("3", valueAt(session, "grüße/ключ/鍵"));
            assertEquals("4", valueAt(session, "~!(),"));
            assertEquals("5", valueAt(session, "trailing"));
            assertEquals("6", valueAt(session, "trailing~2"), "renamed around the path that was valid");
            assertEquals("7", valueAt(session, "a/b"));
            assertEquals("8", valueAt(session, "_./dot/_.."));
            assertEquals("9", valueAt(session, "line_break"));
            assertEquals("10", valueAt(session, "100_"));
            assertEquals("11", valueAt(session, "back_slash"));
        }
        assertEquals(
                6,
                warnings.stream()
                        .filter(w -> w.startsWith("a Go OmniVault secret"))
                        .count(),
                warnings.toString());
        assertTrue(
                warnings.contains("a Go OmniVault secret whose path is not allowed here was stored as 'line_break'"
                        + " (its Go path: \"line\\nbreak\")"),
                warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("\n")), "no warning spans two log lines");
        assertTrue(
                warnings.getLast()
                        .endsWith("kept as vault.meta.v1.bak and vault.enc.v1.bak, which still open with the"
                                + " Go password"),
                warnings.getLast());
        try (VaultSession reopened = open(PASSWORD).orElseThrow()) {
            assertEquals(11, reopened.count());
        }
    }

    @Test
    void aGoVaultWithoutVaultEnc_opensEmpty_andMigrates() throws IOException {
        new GoVaultBuilder().writeTo(dir, PASSWORD, false);
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals(0, session.count());
            session.write(secret("first/one", "after migration"));
        }
        assertEquals(List.of("vault.meta.v1.bak"), store().legacyBackups());
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals("after migration", valueAt(session, "first/one"));
        }
    }

    @Test
    void aGoVaultMetaPutBack_overAMigratedVaultWithChanges_isRefused_andLosesNothing() throws IOException {
        new GoVaultBuilder().secret("db/password", "from go").writeTo(dir, PASSWORD, true);
        open(PASSWORD).orElseThrow().close();
        byte[] v2Meta = bytes(dir.resolve("vault.meta"));
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            session.write(secret("db/password", "changed since"));
        }
        byte[] enc = bytes(dir.resolve("vault.enc"));
        byte[] journal = bytes(dir.resolve("vault.journal"));
        // a restored backup or a sync conflict puts the Go vault.meta back
        Files.copy(dir.resolve("vault.meta.v1.bak"), dir.resolve("vault.meta"), StandardCopyOption.REPLACE_EXISTING);

        var refused = assertThrows(VaultStoreException.class, () -> open(PASSWORD));
        assertEquals(VaultStoreException.Kind.CORRUPTED, refused.kind());
        assertTrue(
                refused.getMessage().contains("vault.meta (it is a Go OmniVault vault.meta again"),
                refused.getMessage());
        assertTrue(
                refused.getMessage().contains("vault.enc and vault.journal hold a migrated vault"),
                refused.getMessage());
        assertArrayEquals(enc, bytes(dir.resolve("vault.enc")), "vault.enc untouched");
        assertArrayEquals(journal, bytes(dir.resolve("vault.journal")), "vault.journal untouched");

        Files.write(dir.resolve("vault.meta"), v2Meta); // what the message asks for
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals("changed since", valueAt(session, "db/password"));
        }
    }

    @Test
    void aGoVaultMetaPutBack_overAMigratedVaultWithoutChanges_migratesAgain_toTheSameSecrets() throws IOException {
        new GoVaultBuilder().secret("db/password", "from go").writeTo(dir, PASSWORD, true);
        open(PASSWORD).orElseThrow().close();
        Files.copy(dir.resolve("vault.meta.v1.bak"), dir.resolve("vault.meta"), StandardCopyOption.REPLACE_EXISTING);
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals(1, session.count());
            assertEquals("from go", valueAt(session, "db/password"));
        }
        assertFalse(GoV1Vault.looksLikeV1(bytes(dir.resolve("vault.meta"))));
    }

    @Test
    void theBackups_areListed_untilForgotten() throws IOException {
        new GoVaultBuilder().secret("a", "1").writeTo(dir, PASSWORD, true);
        assertEquals(List.of(), store().legacyBackups(), "nothing before the migration");
        open(PASSWORD).orElseThrow().close();
        assertEquals(List.of("vault.meta.v1.bak", "vault.enc.v1.bak"), store().legacyBackups());
        assertEquals(List.of("vault.meta.v1.bak", "vault.enc.v1.bak"), store().forgetLegacyBackups());
        assertFalse(Files.exists(dir.resolve("vault.meta.v1.bak")));
        assertFalse(Files.exists(dir.resolve("vault.enc.v1.bak")));
        assertEquals(List.of(), store().forgetLegacyBackups());
        try (VaultSession session = open(PASSWORD).orElseThrow()) {
            assertEquals("1", valueAt(session, "a"), "the migrated vault does not need them");
        }
    }
}
