package dev.omnivault.adapter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's header cannot be written (a full disk, a quota) while everything else can. A
 * vault must never be left in a state a later unlock reads as damage: once a vault.enc past the
 * first generation had no journal beside it, because the header failed at the creation and
 * again at the first whole write, and the next unlock said {@code vault.journal (missing)}
 * although nothing had been lost.
 */
class JournalHeaderFailureTest {

    @TempDir
    Path dir;

    private final AtomicBoolean journalFails = new AtomicBoolean();

    private void sink(Path temp, byte[] content) throws IOException {
        if (journalFails.get() && temp.getFileName().toString().startsWith(".vault.journal.")) {
            throw new IOException("Disk quota exceeded");
        }
        Files.write(temp, content);
    }

    private EncryptedFileVaultStore store() {
        return new EncryptedFileVaultStore(
                dir,
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system(),
                new AtomicFileWriter(this::sink, (file, at, bytes) -> {
                    try (var channel =
                            java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.write(java.nio.ByteBuffer.wrap(bytes), at);
                        channel.force(false);
                    }
                }));
    }

    private static Passphrase passphrase() {
        return Passphrase.adopt("correct horse battery".toCharArray());
    }

    private static Secret secret(String path, String value) {
        return Secret.create(SecretPath.of(path), SecretValue.ofText(value), Map.of(), Map.of(), Instant.EPOCH);
    }

    @Test
    void aCreationWhoseJournalHeaderFails_isRefused_andLeavesNothingInTheWay() {
        journalFails.set(true);
        var refused = assertThrows(VaultStoreException.class, () -> {
            try (var created = passphrase()) {
                store().create(created).close();
            }
        });
        assertEquals(VaultStoreException.Kind.IO_FAILURE, refused.kind());
        assertTrue(refused.getMessage().contains("vault.journal"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("vault.meta")), "no vault was made");
        assertFalse(Files.exists(dir.resolve("vault.enc")), "nothing in the way of the next try");

        journalFails.set(false);
        try (var created = passphrase();
                VaultSession session = store().create(created)) {
            session.write(secret("app/key", "v"));
        }
    }

    @Test
    void aWholeWriteWhoseJournalHeaderFails_isStillReadBack_atTheNextUnlock() {
        try (var created = passphrase();
                VaultSession session = store().create(created)) {
            journalFails.set(true);
            session.writeAll(List.of(secret("app/a", "a"), secret("app/b", "b"))); // a whole write: the header fails
            session.writeAll(List.of(secret("app/c", "c"), secret("app/d", "d"))); // and again
        }
        journalFails.set(false);
        try (var again = passphrase();
                VaultSession reopened = store().open(again).orElseThrow()) {
            assertEquals(4, reopened.count(), "every acknowledged write, and no damage reported");
            reopened.write(secret("app/e", "e")); // a journal change, on a journal started anew
        }
        try (var again = passphrase();
                VaultSession reopened = store().open(again).orElseThrow()) {
            assertEquals(5, reopened.count());
        }
    }

    /**
     * A Go OmniVault vault whose migration meets the failing journal header: the unlock fails
     * with the reason, and once the disk has room the next unlock migrates every secret (the Go
     * files were kept as backups before anything was replaced).
     */
    @Test
    void aMigrationWhoseJournalHeaderFails_isTriedAgain_andLosesNoGoSecret() throws IOException {
        Path fixture = GoV1MigrationTest.fixtureDirectory();
        for (String name : new String[] {"vault.meta", "vault.enc"}) {
            Files.copy(fixture.resolve(name), dir.resolve(name));
        }
        journalFails.set(true);
        var refused = assertThrows(VaultStoreException.class, () -> {
            try (var go = passphrase()) {
                store().open(go).orElseThrow().close();
            }
        });
        assertEquals(VaultStoreException.Kind.IO_FAILURE, refused.kind(), refused.getMessage());
        journalFails.set(false);
        int expected = new tools.jackson.databind.json.JsonMapper()
                .readTree(Files.readAllBytes(fixture.resolve("expected-secrets.json")))
                .size();
        try (var go = passphrase();
                VaultSession migrated = store().open(go).orElseThrow()) {
            assertEquals(expected, migrated.count(), "every Go secret, after the failed first try");
        }
        try (var go = passphrase();
                VaultSession reopened = store().open(go).orElseThrow()) {
            assertEquals(expected, reopened.count());
        }
    }
}
