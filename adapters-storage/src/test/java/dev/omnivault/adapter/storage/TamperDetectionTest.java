package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.assertCorrupted;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Passphrase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every modification of either file is reported as damage (with the file's name) when the right
 * password is given, and the damaged files are left byte for byte as they were.
 */
class TamperDetectionTest {

    @TempDir
    Path dir;

    private EncryptedFileVaultStore store;
    private Path meta;
    private Path enc;

    @BeforeEach
    void vaultWithThreeSecrets() {
        store = store(dir);
        populate(store);
        meta = dir.resolve("vault.meta");
        enc = dir.resolve("vault.enc");
    }

    private void assertDetectedAndUntouched(Path damagedFile, byte[] damagedBytes) throws IOException {
        Files.write(damagedFile, damagedBytes);
        byte[] metaBefore = bytes(meta);
        byte[] encBefore = bytes(enc);

        assertCorrupted(store, damagedFile.getFileName().toString());
        assertCorrupted(store(dir), damagedFile.getFileName().toString());

        assertArrayEquals(metaBefore, bytes(meta), "vault.meta was rewritten");
        assertArrayEquals(encBefore, bytes(enc), "vault.enc was rewritten");
    }

    private static byte[] flipped(byte[] original, int position) {
        byte[] copy = original.clone();
        copy[position] ^= 0x01;
        return copy;
    }

    /** Positions spread over the file: start, header fields, middle, the last byte. */
    private static List<Integer> positions(int length) {
        var positions =
                new ArrayList<Integer>(List.of(0, 7, 8, 9, 10, 25, 26, 29, 30, 34, 40, 47, 48, 60, 79, 80, 120));
        IntStream.rangeClosed(1, 6).forEach(sixth -> positions.add(length * sixth / 7));
        positions.add(length - 33);
        positions.add(length - 1);
        return positions.stream().filter(p -> p >= 0 && p < length).distinct().toList();
    }

    @Test
    void everyFlippedByteOfTheMetaFile_isDetected() throws IOException {
        byte[] original = bytes(meta);
        for (int position : positions(original.length)) {
            assertDetectedAndUntouched(meta, flipped(original, position));
        }
    }

    @Test
    void everyFlippedByteOfTheVaultFile_isDetected() throws IOException {
        byte[] original = bytes(enc);
        for (int position : positions(original.length)) {
            assertDetectedAndUntouched(enc, flipped(original, position));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 50, 171})
    void aTruncatedMetaFile_isDetected(int keep) throws IOException {
        byte[] original = bytes(meta);
        assertDetectedAndUntouched(meta, Arrays.copyOf(original, Math.min(keep, original.length - 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 30, 100, -32, -1})
    void aTruncatedVaultFile_isDetected(int keep) throws IOException {
        byte[] original = bytes(enc);
        int length = keep < 0 ? original.length + keep : keep;
        assertDetectedAndUntouched(enc, Arrays.copyOf(original, length));
    }

    @Test
    void anAppendedByte_isDetected() throws IOException {
        byte[] original = bytes(enc);
        assertDetectedAndUntouched(enc, Arrays.copyOf(original, original.length + 1));
        byte[] originalMeta = bytes(meta);
        Files.write(enc, original);
        assertDetectedAndUntouched(meta, Arrays.copyOf(originalMeta, originalMeta.length + 1));
    }

    @Test
    void aMissingVaultFile_isDetected() throws IOException {
        Files.delete(enc);
        assertCorrupted(store, "vault.enc");
        assertFalse(Files.exists(enc), "nothing was recreated");
    }

    @Test
    void twoRecordsSwappedInPlace_isDetected() throws IOException {
        byte[] original = bytes(enc);
        // Header is 38 bytes; each record is id (32) ‖ length (4) ‖ sealed. Swap the first two whole records.
        int first = 38;
        int firstLength =
                32 + 4 + java.nio.ByteBuffer.wrap(original, first + 32, 4).getInt();
        int second = first + firstLength;
        int secondLength =
                32 + 4 + java.nio.ByteBuffer.wrap(original, second + 32, 4).getInt();
        byte[] swapped = original.clone();
        System.arraycopy(original, second, swapped, first, secondLength);
        System.arraycopy(original, first, swapped, first + secondLength, firstLength);
        assertFalse(Arrays.equals(original, swapped));
        assertDetectedAndUntouched(enc, swapped);
    }

    /**
     * Even someone holding the key, who re-authenticates the file after swapping two records'
     * ciphertexts, is caught: each ciphertext is bound to its record's id by its associated data.
     */
    @Test
    void swappedCiphertexts_withTheFileReauthenticated_areDetected() throws Exception {
        VaultMeta vaultMeta = VaultMeta.decode(bytes(meta));
        try (VaultKeys keys = StoreFixture.keysOf(dir)) {
            var contents = RecordFile.decode(bytes(enc), vaultMeta.vaultId(), keys);
            List<RecordFile.Sealed> records = contents.records();
            var swapped = new ArrayList<>(List.of(
                    new RecordFile.Sealed(records.get(0).id(), records.get(1).sealed()),
                    new RecordFile.Sealed(records.get(1).id(), records.get(0).sealed())));
            swapped.addAll(records.subList(2, records.size()));
            byte[] original = bytes(enc);
            byte[] forged = StoreFixture.forgeVaultEnc(dir, keys, contents.generation(), swapped);
            Files.write(enc, original);
            assertDetectedAndUntouched(enc, forged);
        }
    }

    @Test
    void theVaultFileOfAnotherVault_withTheSamePassword_isDetected() throws IOException {
        Path otherDir = dir.resolve("other");
        populate(store(otherDir));
        assertDetectedAndUntouched(enc, bytes(otherDir.resolve("vault.enc")));
    }

    @Test
    void aWrongPassword_onHealthyFiles_isNotReportedAsDamage() {
        assertEquals(Optional.empty(), open(store, "not the password"));
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            assertEquals(3, session.count());
        }
    }

    @Test
    void nothingSecret_isReadableOnDisk() throws IOException {
        String onDisk = new String(bytes(meta), StandardCharsets.ISO_8859_1)
                + new String(bytes(enc), StandardCharsets.ISO_8859_1);
        for (String secretText : List.of(
                "database",
                "password",
                "s3cr3t-pg-pass",
                "api/key",
                "ak_live",
                "user-of-",
                "team",
                "core",
                "timeout")) {
            assertFalse(onDisk.contains(secretText), secretText + " is visible on disk");
        }
    }

    @Test
    void aDamagedMetaFile_isNotRepairedByAPassphraseChange() throws IOException {
        byte[] damaged = flipped(bytes(meta), 60);
        Files.write(meta, damaged);
        try (var current = Passphrase.adopt(PASSWORD.toCharArray());
                var replacement = Passphrase.adopt("another long passphrase".toCharArray())) {
            var failure = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.omnivault.application.port.out.VaultStoreException.class,
                    () -> store.changePassphrase(current, replacement));
            assertTrue(failure.getMessage().contains("vault.meta"), failure.getMessage());
        }
        assertArrayEquals(damaged, bytes(meta));
    }
}
