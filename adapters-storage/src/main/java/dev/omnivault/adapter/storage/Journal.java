package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
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
 * (docs/storage-format.md, "vault.journal"). Its authenticated header names the vault and the
 * exact {@code vault.enc} it continues (generation and MAC); each change carries a MAC chained to
 * the one before and to the header.
 */
final class Journal {

    static final String FILE = "vault.journal";
    static final byte PUT = 1;
    static final byte DELETE = 2;

    private static final byte[] MAGIC = "OMNIVJNL".getBytes(StandardCharsets.US_ASCII);
    private static final short VERSION = 3;
    /** The version whose header had no generation and no MAC of its own; still read, never written. */
    private static final short VERSION_2 = 2;

    private static final byte[] CHAIN_LABEL = "omnivault/v2/journal".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_LABEL = "omnivault/v3/journal-header".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_AT = MAGIC.length + 2;
    private static final int V2_HEADER_BYTES = ID_AT + VaultMeta.VAULT_ID_BYTES + RecordFile.MAC_BYTES;
    private static final int HEADER_FIELDS_BYTES = ID_AT + VaultMeta.VAULT_ID_BYTES + 8 + RecordFile.MAC_BYTES;
    static final int HEADER_BYTES = HEADER_FIELDS_BYTES + RecordFile.MAC_BYTES;
    private static final byte[] HEAD_LABEL = "omnivault/v2/journal-head".getBytes(StandardCharsets.US_ASCII);
    /** type, id, length, then a MAC of those: a length changed on disk is caught, not taken for a crash. */
    private static final int CHANGE_FIELDS_BYTES = 1 + RecordFile.ID_BYTES + 4;

    private static final int CHANGE_HEAD_BYTES = CHANGE_FIELDS_BYTES + RecordFile.MAC_BYTES;

    private Journal() {}

    /** One change: a sealed record to put (as {@code vault.enc} holds them), or an id to delete. */
    record Change(byte type, byte[] id, byte[] sealed) {}

    /** A journal's valid changes, where they end in the file, and the MAC the next change chains to. */
    record Contents(List<Change> changes, long validLength, byte[] chain) {}

    /** The base a journal continues: the generation and trailing MAC of a {@code vault.enc}. */
    record Base(long generation, byte[] mac) {}

    /** A journal's header, authenticated by its own MAC. */
    static byte[] header(byte[] vaultId, Base base, Authenticator keys) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .putShort(VERSION)
                .put(vaultId)
                .putLong(base.generation())
                .put(base.mac());
        out.put(headerMac(keys, out.array()));
        return out.array();
    }

    private static byte[] headerMac(Authenticator keys, byte[] header) {
        return keys.mac(concat(HEADER_LABEL, Arrays.copyOf(header, HEADER_FIELDS_BYTES)));
    }

    /** The MAC the first change chains to: it binds the journal to its header. */
    static byte[] firstChain(Authenticator keys, byte[] header) {
        return keys.mac(concat(CHAIN_LABEL, header));
    }

    /** The bytes to append for {@code change}, ending with the MAC the next change chains to. */
    static byte[] encode(Change change, byte[] previousChain, Authenticator keys) {
        byte[] fields = ByteBuffer.allocate(CHANGE_FIELDS_BYTES)
                .put(change.type())
                .put(change.id())
                .putInt(change.sealed().length)
                .array();
        byte[] body = concat(concat(fields, headMac(keys, previousChain, fields)), change.sealed());
        byte[] chain = keys.mac(concat(previousChain, body));
        return concat(body, chain);
    }

    private static byte[] headMac(Authenticator keys, byte[] previousChain, byte[] fields) {
        return keys.mac(concat(concat(HEAD_LABEL, previousChain), fields));
    }

    /** The last {@link RecordFile#MAC_BYTES} of what {@link #encode} returned. */
    static byte[] chainOf(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - RecordFile.MAC_BYTES, encoded.length);
    }

    /**
     * Reads a journal beside the {@code vault.enc} that is {@code base}. Empty when it continues an
     * older {@code vault.enc} (a whole write came after it, so its changes are in the base already:
     * what a crash between the two writes of a fold leaves). A change cut short at the end is a
     * write a crash interrupted, never acknowledged: it and what follows are left out
     * ({@link Contents#validLength} says where the valid part ends).
     *
     * @throws DamagedFileException for a header that does not authenticate or is cut short, a
     *     complete change whose MAC does not chain, or, naming {@code vault.enc} as its file, a
     *     journal that continues a newer {@code vault.enc} than the one on disk (a rollback)
     */
    static Optional<Contents> decode(byte[] bytes, byte[] vaultId, Base base, Authenticator keys)
            throws DamagedFileException {
        // The header is written whole by an atomic replace, so a short one is damage, not a crash.
        if (bytes.length < ID_AT || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DamagedFileException("not a journal");
        }
        short version = ByteBuffer.wrap(bytes, MAGIC.length, 2).getShort();
        int headerBytes;
        if (version == VERSION) {
            headerBytes = HEADER_BYTES;
            if (bytes.length < HEADER_BYTES) {
                throw new DamagedFileException("journal header cut short");
            }
            if (!MessageDigest.isEqual(
                    headerMac(keys, bytes), Arrays.copyOfRange(bytes, HEADER_FIELDS_BYTES, HEADER_BYTES))) {
                throw new DamagedFileException("journal header does not authenticate");
            }
        } else if (version == VERSION_2) {
            headerBytes = V2_HEADER_BYTES;
            if (bytes.length < V2_HEADER_BYTES) {
                throw new DamagedFileException("journal header cut short");
            }
        } else {
            throw new DamagedFileException("not a journal of this format");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(bytes, ID_AT, ID_AT + VaultMeta.VAULT_ID_BYTES), vaultId)) {
            throw new DamagedFileException("journal of another vault");
        }
        int macAt = ID_AT + VaultMeta.VAULT_ID_BYTES;
        long generation = 0;
        if (version == VERSION) {
            generation = ByteBuffer.wrap(bytes, macAt, 8).getLong();
            macAt += 8;
        }
        byte[] mac = Arrays.copyOfRange(bytes, macAt, macAt + RecordFile.MAC_BYTES);
        boolean stale = generation < base.generation();
        if (generation > base.generation()) {
            throw new DamagedFileException(
                    VaultFiles.ENC_FILE,
                    "older than " + FILE + ", which continues a newer " + VaultFiles.ENC_FILE
                            + ": was it restored from a backup?");
        }
        if (!stale && !MessageDigest.isEqual(mac, base.mac())) {
            if (version == VERSION_2) {
                // Version 2 had no generation: a journal of an older base looked like this.
                stale = true;
            } else {
                throw new DamagedFileException(
                        VaultFiles.ENC_FILE,
                        "not the file " + FILE + " continues: it was replaced, or " + FILE + " was");
            }
        }
        // A stale journal's changes are checked too: a damaged header must not pass for a stale one.
        Contents contents = changes(bytes, headerBytes, keys);
        return stale ? Optional.empty() : Optional.of(contents);
    }

    private static Contents changes(byte[] bytes, int headerBytes, Authenticator keys) throws DamagedFileException {
        byte[] chain = firstChain(keys, Arrays.copyOf(bytes, headerBytes));
        var changes = new ArrayList<Change>();
        int at = headerBytes;
        while (bytes.length - at >= CHANGE_HEAD_BYTES) {
            byte[] fields = Arrays.copyOfRange(bytes, at, at + CHANGE_FIELDS_BYTES);
            byte[] head = Arrays.copyOfRange(bytes, at + CHANGE_FIELDS_BYTES, at + CHANGE_HEAD_BYTES);
            if (!MessageDigest.isEqual(head, headMac(keys, chain, fields))) {
                throw new DamagedFileException("journal change head does not authenticate");
            }
            byte type = bytes[at];
            int length = ByteBuffer.wrap(bytes, at + 1 + RecordFile.ID_BYTES, 4).getInt();
            if ((type != PUT && type != DELETE)
                    || length < 0
                    || length > RecordFile.MAX_SEALED_BYTES
                    || (type == DELETE && length != 0)
                    || (type == PUT && length < VaultKeys.SEAL_OVERHEAD)) {
                throw new DamagedFileException("journal change malformed");
            }
            int end = at + CHANGE_HEAD_BYTES + length + RecordFile.MAC_BYTES;
            if (end > bytes.length) {
                break; // cut short by a crash
            }
            int bodyEnd = end - RecordFile.MAC_BYTES;
            byte[] expected = keys.mac(concat(chain, Arrays.copyOfRange(bytes, at, bodyEnd)));
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
        return new Contents(List.copyOf(changes), at, chain);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
