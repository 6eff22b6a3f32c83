package dev.omnivault.adapter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/** Helpers shared by the file-store tests. */
final class StoreFixture {

    static final String PASSWORD = "correct horse battery";
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private StoreFixture() {}

    static EncryptedFileVaultStore store(Path dir) {
        return new EncryptedFileVaultStore(dir, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.fixed(T0));
    }

    static VaultSession create(EncryptedFileVaultStore store) {
        try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray())) {
            return store.create(passphrase);
        }
    }

    static Optional<VaultSession> open(EncryptedFileVaultStore store, String password) {
        try (var passphrase = Passphrase.adopt(password.toCharArray())) {
            return store.open(passphrase);
        }
    }

    static Secret secret(String path, String value) {
        return Secret.create(
                SecretPath.of(path),
                SecretValue.ofText(value),
                Map.of("username", SecretValue.ofText("user-of-" + path)),
                Map.of("team", "core"),
                T0);
    }

    /** A vault of three secrets, all in {@code vault.enc} (one whole write, so no journal). */
    static void populate(EncryptedFileVaultStore store) {
        try (VaultSession session = create(store)) {
            session.writeAll(java.util.List.of(
                    secret("database/password", "s3cr3t-pg-pass"),
                    secret("api/key", "ak_live_0123456789abcdef"),
                    secret("config/timeout", "30")));
        }
    }

    static String valueAt(VaultSession session, String path) {
        try (Secret secret = session.read(SecretPath.of(path)).orElseThrow()) {
            return secret.value().revealText();
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of the vault in {@code dir}, as a key holder would have them (to forge files with). */
    static VaultKeys keysOf(Path dir) throws DamagedFileException {
        VaultMeta meta = VaultMeta.decode(bytes(dir.resolve("vault.meta")));
        try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray())) {
            return meta.open(passphrase).orElseThrow();
        }
    }

    /**
     * What someone holding the key can do: writes {@code records} as the {@code vault.enc} of
     * {@code generation}, authenticated, with a journal header that continues it. Returns the new
     * {@code vault.enc}.
     */
    static byte[] forgeVaultEnc(Path dir, VaultKeys keys, long generation, java.util.List<RecordFile.Sealed> records)
            throws IOException, DamagedFileException {
        Path enc = dir.resolve("vault.enc");
        byte[] vaultId = RecordFile.claimedVaultId(bytes(enc));
        byte[] forged = RecordFile.encode(vaultId, generation, records, keys);
        byte[] mac = java.util.Arrays.copyOfRange(forged, forged.length - RecordFile.MAC_BYTES, forged.length);
        Files.write(enc, forged);
        Files.write(dir.resolve(Journal.FILE), Journal.header(vaultId, new Journal.Base(generation, mac), keys));
        return forged;
    }

    static void assertCorrupted(EncryptedFileVaultStore store, String fileName) {
        assertReportsDamageIn(fileName, () -> open(store, PASSWORD));
    }

    /** {@code action} fails with the store's "corrupted" error naming {@code fileName}. */
    static void assertReportsDamageIn(String fileName, org.junit.jupiter.api.function.Executable action) {
        var failure = assertThrows(VaultStoreException.class, action);
        assertEquals(VaultStoreException.Kind.CORRUPTED, failure.kind(), failure.getMessage());
        assertTrue(
                failure.getMessage().startsWith("vault file is corrupted or was tampered with: "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(fileName), failure.getMessage());
    }
}
