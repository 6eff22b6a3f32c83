package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.SecretPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails part-way (here: the disk fills after half the bytes) is reported, and loses
 * nothing: the files on disk, the open session and a fresh unlock all still hold the old vault.
 */
class FailedWriteTest {

    @TempDir
    Path dir;

    private final AtomicBoolean diskFull = new AtomicBoolean();
    private EncryptedFileVaultStore store;
    private byte[] metaBefore;
    private byte[] encBefore;
    private byte[] journalBefore = new byte[0];

    /** Appends half of the bytes for real, then fails as a full disk does. */
    private void fillingAppend(Path file, long at, byte[] bytes) throws IOException {
        if (!diskFull.get()) {
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes), at);
                channel.force(false);
            }
            return;
        }
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(bytes, bytes.length / 2)), at);
        }
        throw new IOException("No space left on device");
    }

    /** Writes half of the content for real, then fails as a full disk does. */
    private void fillingSink(Path temp, byte[] content) throws IOException {
        if (!diskFull.get()) {
            Files.write(temp, content);
            return;
        }
        Files.write(temp, java.util.Arrays.copyOf(content, content.length / 2));
        throw new IOException("No space left on device");
    }

    @BeforeEach
    void vaultOnADiskAboutToFill() {
        store = new EncryptedFileVaultStore(
                dir,
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system(),
                new AtomicFileWriter(this::fillingSink, this::fillingAppend));
        populate(store);
        // one change in the journal too, so that both files are at stake
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            session.write(secret("config/retries", "5"));
        }
        journalBefore = bytes(dir.resolve("vault.journal"));
        metaBefore = bytes(dir.resolve("vault.meta"));
        encBefore = bytes(dir.resolve("vault.enc"));
    }

    private void assertNothingLost() throws IOException {
        assertArrayEquals(metaBefore, bytes(dir.resolve("vault.meta")));
        assertArrayEquals(encBefore, bytes(dir.resolve("vault.enc")));
        assertArrayEquals(journalBefore, bytes(dir.resolve("vault.journal")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    java.util.List.of("vault.enc", "vault.journal", "vault.meta"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(4, reopened.count());
            assertEquals("s3cr3t-pg-pass", valueAt(reopened, "database/password"));
            assertEquals("5", valueAt(reopened, "config/retries"));
        }
    }

    @Test
    void aFailedPut_isReported_andLosesNothing() throws IOException {
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            diskFull.set(true);
            var failure = assertThrows(
                    VaultStoreException.class, () -> session.write(secret("database/password", "new-value")));
            assertEquals(VaultStoreException.Kind.IO_FAILURE, failure.kind());
            assertEquals(
                    "could not write vault.journal; the vault is unchanged: No space left on device",
                    failure.getMessage());
            assertThrows(VaultStoreException.class, () -> session.write(secret("brand/new", "v")));

            assertEquals("s3cr3t-pg-pass", valueAt(session, "database/password"), "the session kept the old value");
            assertEquals(4, session.count(), "the new path was rolled back");
        }
        assertNothingLost();
    }

    @Test
    void aFailedImport_storesNoneOfIt_andLosesNothing() throws IOException {
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            diskFull.set(true);
            assertThrows(
                    VaultStoreException.class,
                    () -> session.writeAll(java.util.List.of(
                            secret("database/password", "replaced"),
                            secret("brand/new", "v"),
                            secret("other/new", "w"))));
            assertEquals("s3cr3t-pg-pass", valueAt(session, "database/password"));
            assertEquals(4, session.count(), "no imported path stayed in the session");
        }
        assertNothingLost();
    }

    @Test
    void aFailedDelete_isReported_andLosesNothing() throws IOException {
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            diskFull.set(true);
            assertThrows(VaultStoreException.class, () -> session.delete(SecretPath.of("api/key")));
            assertTrue(session.read(SecretPath.of("api/key")).isPresent());
        }
        assertNothingLost();
    }

    @Test
    void aFailedPassphraseChange_keepsTheOldPassphrase() throws IOException {
        diskFull.set(true);
        try (var current = Passphrase.adopt(PASSWORD.toCharArray());
                var replacement = Passphrase.adopt("another long passphrase".toCharArray())) {
            var failure = assertThrows(VaultStoreException.class, () -> store.changePassphrase(current, replacement));
            assertTrue(failure.getMessage().contains("the old password still works"), failure.getMessage());
        }
        assertNothingLost();
    }

    @Test
    void aFailedInit_leavesNoVaultBehind() throws IOException {
        Path fresh = dir.resolve("fresh");
        var freshStore = new EncryptedFileVaultStore(
                fresh,
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system(),
                new AtomicFileWriter(this::fillingSink));
        diskFull.set(true);
        try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray())) {
            assertThrows(VaultStoreException.class, () -> freshStore.create(passphrase));
        }
        assertTrue(!freshStore.exists());
        try (Stream<Path> files = Files.list(fresh)) {
            assertEquals(0, files.count());
        }
    }
}
