package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * {@code vault.enc}, format version 3 (byte layout in docs/storage-format.md): a header naming the
 * vault and the file's generation (one more at every whole write), the records (each an opaque id
 * and a sealed secret), and an HMAC over everything, so a changed, missing, added, reordered or
 * truncated byte is caught before any record is used. Version 2 files, which have no generation,
 * are read as generation 0.
 */
final class RecordFile {

    static final byte[] MAGIC = "OMNIVENC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 3;
    /** The version before generations; still read, never written. */
    static final int VERSION_2 = 2;

    static final int ID_BYTES = VaultKeys.ID_BYTES;
    static final int MAX_SEALED_BYTES = VaultKeys.MAX_SEALED_BYTES;

    private static final int ID_AT = MAGIC.length + 2;
    private static final int V2_HEADER_BYTES = ID_AT + VaultMeta.VAULT_ID_BYTES + 4;
    private static final int HEADER_BYTES = ID_AT + VaultMeta.VAULT_ID_BYTES + 8 + 4;
    static final int MAC_BYTES = VaultKeys.MAC_BYTES;

    private RecordFile() {}

    /** One record as stored: its id (HMAC of the path) and nonce ‖ ciphertext ‖ tag. */
    record Sealed(byte[] id, byte[] sealed) {}

    /** An authenticated file: its generation (0 for version 2) and its records. */
    record Contents(long generation, List<Sealed> records) {}

    /** The file's bytes; records are written in id order, so the layout says nothing about the paths. */
    static byte[] encode(byte[] vaultId, long generation, Collection<Sealed> records, Authenticator keys) {
        return encodeParts(vaultId, generation, records, keys).content().toBytes();
    }

    /** A file as pieces to write one after another, and its trailing MAC (which a journal chains to). */
    record Encoded(FileParts content, byte[] trailingMac) {}

    /**
     * The file as {@link #encode} makes it, in pieces that are views of the records' own arrays:
     * writing it takes no copy of the vault in memory, and its MAC is taken over the same pieces.
     */
    static Encoded encodeParts(byte[] vaultId, long generation, Collection<Sealed> records, Authenticator keys) {
        List<Sealed> ordered = new ArrayList<>(records);
        ordered.sort((a, b) -> Arrays.compareUnsigned(a.id(), b.id()));
        long size = (long) HEADER_BYTES + MAC_BYTES;
        for (Sealed record : ordered) {
            size += ID_BYTES + 4L + record.sealed().length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("vault too large for one file");
        }
        byte[] header = ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .putShort((short) VERSION)
                .put(vaultId)
                .putLong(generation)
                .putInt(ordered.size())
                .array();
        byte[] mac = keys.mac(pieces(header, ordered, new byte[0]));
        return new Encoded(new FileParts(size, () -> pieces(header, ordered, mac)), mac.clone());
    }

    /**
     * The header, then each record's id and length and its sealed bytes (what the trailing MAC
     * covers), then {@code end} (the MAC itself; empty when the MAC is being taken).
     */
    private static java.util.Iterator<ByteBuffer> pieces(byte[] header, List<Sealed> ordered, byte[] end) {
        int steps = 1 + 2 * ordered.size() + (end.length > 0 ? 1 : 0);
        return new java.util.Iterator<>() {
            /** 0: the header; then 2 per record, its frame (id and length) and its sealed bytes; then the end. */
            private int step;

            @Override
            public boolean hasNext() {
                return step < steps;
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int at = step++;
                if (at == 0) {
                    return ByteBuffer.wrap(header);
                }
                if (at == 1 + 2 * ordered.size()) {
                    return ByteBuffer.wrap(end);
                }
                Sealed record = ordered.get((at - 1) / 2);
                return (at - 1) % 2 == 0
                        ? ByteBuffer.allocate(ID_BYTES + 4)
                                .put(record.id())
                                .putInt(record.sealed().length)
                                .flip()
                        : ByteBuffer.wrap(record.sealed());
            }
        };
    }

    /** The vault id the file claims, read before the key is known; checked again by {@link #decode}. */
    static byte[] claimedVaultId(byte[] bytes) throws DamagedFileException {
        int version = claimedVersion(bytes);
        if (bytes.length < headerBytes(version) + MAC_BYTES) {
            throw new DamagedFileException("truncated");
        }
        return Arrays.copyOfRange(bytes, ID_AT, ID_AT + VaultMeta.VAULT_ID_BYTES);
    }

    private static int claimedVersion(byte[] bytes) throws DamagedFileException {
        if (bytes.length < ID_AT || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DamagedFileException("not an OmniVault vault file");
        }
        int version =
                Short.toUnsignedInt(ByteBuffer.wrap(bytes, MAGIC.length, 2).getShort());
        if (version != VERSION && version != VERSION_2) {
            throw new DamagedFileException("unsupported format version " + version);
        }
        return version;
    }

    private static int headerBytes(int version) {
        return version == VERSION_2 ? V2_HEADER_BYTES : HEADER_BYTES;
    }

    /** How many records the header announces (unauthenticated: for deciding whether a file is empty). */
    static int claimedRecordCount(byte[] bytes) throws DamagedFileException {
        claimedVaultId(bytes);
        int version = claimedVersion(bytes);
        return ByteBuffer.wrap(bytes, headerBytes(version) - 4, 4).getInt();
    }

    /** The generation the header announces (unauthenticated: for telling what a migration left). */
    static long claimedGeneration(byte[] bytes) throws DamagedFileException {
        claimedVaultId(bytes);
        return claimedVersion(bytes) == VERSION_2
                ? 0
                : ByteBuffer.wrap(bytes, ID_AT + VaultMeta.VAULT_ID_BYTES, 8).getLong();
    }

    static Contents decode(byte[] bytes, byte[] expectedVaultId, Authenticator keys) throws DamagedFileException {
        byte[] vaultId = claimedVaultId(bytes);
        int macAt = bytes.length - MAC_BYTES;
        byte[] expectedMac = keys.mac(bytes, 0, macAt);
        if (!MessageDigest.isEqual(expectedMac, Arrays.copyOfRange(bytes, macAt, bytes.length))) {
            throw new DamagedFileException("authentication failed");
        }
        if (!MessageDigest.isEqual(vaultId, expectedVaultId)) {
            throw new DamagedFileException("belongs to another vault");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, macAt);
            int version = claimedVersion(bytes);
            long generation = 0;
            if (version == VERSION) {
                in.position(ID_AT + VaultMeta.VAULT_ID_BYTES);
                generation = in.getLong();
                if (generation < 1) {
                    throw new DamagedFileException("bad generation");
                }
            }
            in.position(headerBytes(version) - 4);
            int count = in.getInt();
            if (count < 0) {
                throw new DamagedFileException("bad record count");
            }
            var records = new ArrayList<Sealed>(Math.min(count, 1 << 16));
            var seen = new HashSet<ByteBuffer>(Math.min(count, 1 << 20) * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[ID_BYTES];
                in.get(id);
                int length = in.getInt();
                if (length < VaultKeys.SEAL_OVERHEAD || length > MAX_SEALED_BYTES || length > in.remaining()) {
                    throw new DamagedFileException("bad record length");
                }
                byte[] sealed = new byte[length];
                in.get(sealed);
                if (!seen.add(ByteBuffer.wrap(id))) {
                    throw new DamagedFileException("duplicate record");
                }
                records.add(new Sealed(id, sealed));
            }
            if (in.hasRemaining()) {
                throw new DamagedFileException("trailing bytes");
            }
            return new Contents(generation, records);
        } catch (BufferUnderflowException truncated) {
            throw new DamagedFileException("truncated");
        }
    }
}
