package dev.omnivault.adapter.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code vault.enc} is written in pieces that are views of the records (no copy of the
 * vault in one array): the file must be byte for byte the documented layout, and a write of pieces
 * must put every byte in place, in order, or nothing.
 */
class WholeFileWriteTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private final Random random = new Random(17);

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void aVaultInPieces_isTheDocumentedLayoutByteForByte_andItsMacIsTheFilesLastBytes() throws Exception {
        byte[] vaultId = randomBytes(VaultMeta.VAULT_ID_BYTES);
        var records = new ArrayList<RecordFile.Sealed>();
        for (int length : new int[] {40, 3 * MIB + 5, VaultKeys.SEAL_OVERHEAD, 1000}) {
            records.add(new RecordFile.Sealed(randomBytes(RecordFile.ID_BYTES), randomBytes(length)));
        }
        try (VaultKeys keys = VaultKeys.derive(randomBytes(32), vaultId)) {
            RecordFile.Encoded encoded = RecordFile.encodeParts(vaultId, 7, records, keys);

            // the layout of docs/storage-format.md, built here in one array
            var expected = new ByteArrayOutputStream();
            expected.writeBytes(RecordFile.MAGIC);
            expected.writeBytes(ByteBuffer.allocate(2 + vaultId.length + 8 + 4)
                    .putShort((short) 3)
                    .put(vaultId)
                    .putLong(7)
                    .putInt(records.size())
                    .array());
            List<RecordFile.Sealed> ordered = new ArrayList<>(records);
            ordered.sort((a, b) -> Arrays.compareUnsigned(a.id(), b.id()));
            for (RecordFile.Sealed record : ordered) {
                expected.writeBytes(record.id());
                expected.writeBytes(
                        ByteBuffer.allocate(4).putInt(record.sealed().length).array());
                expected.writeBytes(record.sealed());
            }
            byte[] mac = keys.mac(expected.toByteArray());
            expected.writeBytes(mac);

            byte[] file = encoded.content().toBytes();
            assertArrayEquals(expected.toByteArray(), file);
            assertEquals(file.length, encoded.content().size());
            assertArrayEquals(mac, encoded.trailingMac());
            assertArrayEquals(file, encoded.content().toBytes(), "the pieces can be gone through again");
            assertEquals(
                    records.size(),
                    RecordFile.decode(file, vaultId, keys).records().size());
        }
    }

    @Test
    void piecesWrittenWhole_putEveryByteInPlaceInOrder_largeOnesToo_ownerOnly() throws Exception {
        var pieces = List.of(randomBytes(3 * MIB + MIB / 2), randomBytes(10), new byte[0], randomBytes(MIB));
        long size = pieces.stream().mapToLong(piece -> piece.length).sum();
        Path target = dir.resolve("vault.enc");
        Files.write(target, new byte[] {1, 2, 3});

        new AtomicFileWriter(warning -> {})
                .replace(
                        target,
                        new FileParts(
                                size,
                                () -> pieces.stream().map(ByteBuffer::wrap).iterator()));

        var expected = new ByteArrayOutputStream();
        pieces.forEach(expected::writeBytes);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(target), listing());
    }

    @Test
    void piecesShorterThanTheirSize_areRefused_andTheOldFileStays() throws Exception {
        Path target = dir.resolve("vault.enc");
        Files.write(target, new byte[] {1, 2, 3});
        byte[] piece = randomBytes(100);

        IOException refused = assertThrows(
                IOException.class,
                () -> new AtomicFileWriter(warning -> {})
                        .replace(
                                target,
                                new FileParts(
                                        101,
                                        () -> List.of(ByteBuffer.wrap(piece)).iterator())));

        assertEquals(true, refused.getMessage().startsWith("wrote 100 bytes of 101"), refused.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(), "no temporary file is left");
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
