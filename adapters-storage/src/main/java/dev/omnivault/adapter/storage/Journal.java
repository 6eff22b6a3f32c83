package dev.omnivault.adapter.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code vault.journal}: the changes made since {@code vault.enc} was last written whole, so that
 * a put or a delete appends one sealed record and one fsync instead of rewriting every record
 * (docs/storage-format.md, "vault.journal"). Each change carries a MAC chained to the one before
 * and to the header, which names the vault and the exact {@code vault.enc} it continues.
 */
final class Journal {

    static final String FILE = "vault.journal";
    static final byte PUT = 1;
    static final byte DELETE = 2;

    private static final byte[] MAGIC = "OMNIVJNL".getBytes(StandardCharsets.US_ASCII);
    private static final short VERSION = 2;
    private static final byte[] CHAIN_LABEL = "omnivault/v2/journal".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + RecordFile.MAC_BYTES;
    private static final byte[] HEAD_LABEL = "omnivault/v2/journal-head".getBytes(StandardCharsets.US_ASCII);
    /** type, id, length, then a MAC of those: a length changed on disk is caught, not taken for a crash. */
    private static final int CHANGE_FIELDS_BYTES = 1 + RecordFile.ID_BYTES + 4;

    private static final int CHANGE_HEAD_BYTES = CHANGE_FIELDS_BYTES + RecordFile.MAC_BYTES;

    private Journal() {}

    /** One change: a sealed record to put (as {@code vault.enc} holds them), or an id to delete. */
    record Change(byte type, byte[] id, byte[] sealed) {}

    /** A journal's valid changes, where they end in the file, and the MAC the next change chains to. */
    record Contents(List<Change> changes, long validLength, byte[] chain) {}

    static byte[] header(byte[] vaultId, byte[] baseMac) {
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .putShort(VERSION)
                .put(vaultId)
                .put(baseMac)
                .array();
    }

    /** The MAC the first change chains to: it binds the journal to its header. */
    static byte[] firstChain(byte[] macKey, byte[] header) {
        return Crypto.hmacSha256(macKey, concat(CHAIN_LABEL, header));
    }

    /** The bytes to append for {@code change}, ending with the MAC the next change chains to. */
    static byte[] encode(Change change, byte[] previousChain, byte[] macKey) {
        byte[] fields = ByteBuffer.allocate(CHANGE_FIELDS_BYTES)
                .put(change.type())
                .put(change.id())
                .putInt(change.sealed().length)
                .array();
        byte[] body = concat(concat(fields, headMac(macKey, previousChain, fields)), change.sealed());
        byte[] chain = Crypto.hmacSha256(macKey, concat(previousChain, body));
        return concat(body, chain);
    }

    private static byte[] headMac(byte[] macKey, byte[] previousChain, byte[] fields) {
        return Crypto.hmacSha256(macKey, concat(concat(HEAD_LABEL, previousChain), fields));
    }

    /** The last {@link Crypto#MAC_BYTES} of what {@link #encode} returned. */
    static byte[] chainOf(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - RecordFile.MAC_BYTES, encoded.length);
    }

    /**
     * Reads a journal. Empty when it continues another {@code vault.enc} than the one whose MAC is
     * {@code baseMac} (a whole rewrite happened after it, so its changes are in the base already).
     * A change cut short at the end is a write a crash interrupted, never acknowledged: it and
     * what follows are left out ({@link Contents#validLength} says where the valid part ends).
     *
     * @throws DamagedFileException for a wrong header or a complete change whose MAC does not chain
     */
    static Optional<Contents> decode(byte[] bytes, byte[] vaultId, byte[] baseMac, byte[] macKey)
            throws DamagedFileException {
        if (bytes.length < HEADER_BYTES) {
            // a crash while the header was first written leaves less than a header: nothing was in it
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC) || in.getShort() != VERSION) {
            throw new DamagedFileException("not a journal of this format");
        }
        byte[] id = new byte[VaultMeta.VAULT_ID_BYTES];
        in.get(id);
        if (!MessageDigest.isEqual(id, vaultId)) {
            throw new DamagedFileException("journal of another vault");
        }
        byte[] base = new byte[RecordFile.MAC_BYTES];
        in.get(base);
        if (!MessageDigest.isEqual(base, baseMac)) {
            return Optional.empty();
        }
        byte[] chain = firstChain(macKey, Arrays.copyOf(bytes, HEADER_BYTES));
        var changes = new ArrayList<Change>();
        int at = HEADER_BYTES;
        while (bytes.length - at >= CHANGE_HEAD_BYTES) {
            byte[] fields = Arrays.copyOfRange(bytes, at, at + CHANGE_FIELDS_BYTES);
            byte[] head = Arrays.copyOfRange(bytes, at + CHANGE_FIELDS_BYTES, at + CHANGE_HEAD_BYTES);
            if (!MessageDigest.isEqual(head, headMac(macKey, chain, fields))) {
                throw new DamagedFileException("journal change head does not authenticate");
            }
            byte type = bytes[at];
            int length = ByteBuffer.wrap(bytes, at + 1 + RecordFile.ID_BYTES, 4).getInt();
            if ((type != PUT && type != DELETE)
                    || length < 0
                    || length > RecordFile.MAX_SEALED_BYTES
                    || (type == DELETE && length != 0)
                    || (type == PUT && length < Crypto.SEAL_OVERHEAD)) {
                throw new DamagedFileException("journal change malformed");
            }
            int end = at + CHANGE_HEAD_BYTES + length + RecordFile.MAC_BYTES;
            if (end > bytes.length) {
                break; // cut short by a crash
            }
            int bodyEnd = end - RecordFile.MAC_BYTES;
            byte[] expected = Crypto.hmacSha256(macKey, concat(chain, Arrays.copyOfRange(bytes, at, bodyEnd)));
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, bodyEnd, end))) {
                throw new DamagedFileException("journal change does not authenticate");
            }
            changes.add(new Change(
                    type,
                    Arrays.copyOfRange(bytes, at + 1, at + 1 + RecordFile.ID_BYTES),
                    Arrays.copyOfRange(bytes, at + CHANGE_HEAD_BYTES, bodyEnd)));
            chain = expected;
            at = end;
        }
        return Optional.of(new Contents(List.copyOf(changes), at, chain));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
