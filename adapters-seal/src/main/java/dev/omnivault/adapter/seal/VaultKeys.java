package dev.omnivault.adapter.seal;

import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.crypto.AEADBadTagException;
import org.jspecify.annotations.Nullable;

/**
 * An open vault's keys and everything done with them, so that a store never holds a key: records
 * sealed and opened (AES-256-GCM, bound to the vault and the record's id), ids as keyed hashes of
 * paths, and MACs for the store's own file layouts. The three keys are derived from the vault's
 * random data key with HKDF-SHA256 (salt: the vault id) and rest off the Java heap, in
 * {@link LockedMemory}; an operation borrows a heap copy of the one it needs and zeroes it when
 * done, so between requests no key of an open vault is on the heap. Zeroed and unmapped on
 * {@link #close()}.
 */
public final class VaultKeys implements Authenticator, AutoCloseable {

    /** The fewest bytes a sealed record has beyond its plaintext: nonce and tag (a record of format 2). */
    public static final int SEAL_OVERHEAD = Crypto.SEAL_OVERHEAD;

    /**
     * A record of format 3 begins with this byte, its key epoch (4 bytes) and its revision (8),
     * clear and bound in its associated data; one of format 2 (written before revisions) begins
     * with its nonce. Layout in docs/storage-format.md.
     */
    static final byte FORMAT_3 = 3;

    static final int RECORD_PREFIX_BYTES = 1 + 4 + 8;
    /** The revision a record of format 2 is reported at: it was written before records had one. */
    public static final long FORMAT_2_REVISION = 1;
    /** The key epoch of a vault's first data key (a re-keying, when a member is removed, starts the next). */
    public static final int FIRST_EPOCH = 1;
    /** Bytes of a record id and of a MAC. */
    public static final int ID_BYTES = 32;

    public static final int MAC_BYTES = 32;
    /** The largest sealed record a store must keep and hand back. */
    public static final int MAX_SEALED_BYTES = 16 * 1024 * 1024;

    static final String RECORD_KEY_INFO = "omnivault/v2/record-key";
    static final String ID_KEY_INFO = "omnivault/v2/id-key";
    static final String MAC_KEY_INFO = "omnivault/v2/mac-key";
    static final byte[] RECORD_AAD_PREFIX = "omnivault/v2/record".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RECORD_3_AAD_PREFIX = "omnivault/v3/record".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DIGEST_TERM_PREFIX = "omnivault/v3/digest-term".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DIGEST_AAD_PREFIX = "omnivault/v3/digest".getBytes(StandardCharsets.US_ASCII);

    private static final int RECORD = 0;
    private static final int ID = 1;
    private static final int MAC = 2;
    /** The data key itself, kept for wrapping it to a new member of a team vault. */
    private static final int DATA = 3;

    private final LockedMemory memory;
    private final byte[] vaultId;
    private final int epoch;
    /**
     * Openers for reads: a read otherwise looks up a cipher and a MAC again (a third of the
     * daemon's allocations under GET load). Keyed for each use and unkeyed after, so they hold no
     * key while they wait; at most one per concurrent reader; dropped on close.
     */
    private final ConcurrentLinkedDeque<Crypto.Opener> openers = new ConcurrentLinkedDeque<>();

    private volatile boolean closed;

    private VaultKeys(LockedMemory memory, byte[] vaultId, int epoch) {
        this.memory = memory;
        this.vaultId = vaultId.clone();
        this.epoch = epoch;
    }

    /** The keys of the vault {@code vaultId} whose data key is {@code dataKey} (the caller zeroes it). */
    public static VaultKeys derive(byte[] dataKey, byte[] vaultId) {
        return derive(dataKey, vaultId, FIRST_EPOCH);
    }

    /** The keys of the vault {@code vaultId} in key epoch {@code epoch}, whose data key is {@code dataKey}. */
    static VaultKeys derive(byte[] dataKey, byte[] vaultId, int epoch) {
        if (epoch < FIRST_EPOCH) {
            throw new IllegalArgumentException("a key epoch is at least " + FIRST_EPOCH);
        }
        LockedMemory memory = LockedMemory.allocate(4 * Crypto.KEY_BYTES);
        String[] purposes = {RECORD_KEY_INFO, ID_KEY_INFO, MAC_KEY_INFO};
        for (int slot = 0; slot < purposes.length; slot++) {
            byte[] key = Crypto.hkdf(dataKey, vaultId, purposes[slot]);
            try {
                memory.write((long) slot * Crypto.KEY_BYTES, key);
            } finally {
                Crypto.zero(key);
            }
        }
        memory.write((long) DATA * Crypto.KEY_BYTES, dataKey);
        return new VaultKeys(memory, vaultId, epoch);
    }

    /** The key epoch these keys seal records in, and the only one whose records they open. */
    int epoch() {
        return epoch;
    }

    @Override
    public byte[] vaultId() {
        return vaultId.clone();
    }

    /** HMAC-SHA256 under the vault's MAC key, for a store's layout of its own. */
    @Override
    public byte[] mac(byte[] data, int offset, int length) {
        try (var key = macKey()) {
            return Crypto.hmacSha256(key.bytes(), data, offset, length);
        }
    }

    @Override
    public byte[] mac(java.util.Iterator<ByteBuffer> parts) {
        try (var key = macKey()) {
            return Crypto.hmacSha256(key.bytes(), parts);
        }
    }

    @Override
    public boolean verifies(byte[] data, int offset, int length, byte[] tag) {
        return MessageDigest.isEqual(mac(data, offset, length), tag);
    }

    /** The id a record of {@code path} is stored under: a keyed hash of the path, so ids say nothing of paths. */
    public byte[] recordId(SecretPath path) {
        try (var key = idKey()) {
            return Crypto.hmacSha256(key.bytes(), path.value().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code secret} sealed for storage under its id, as the write that makes {@code revision}:
     * the vault, the id, the key epoch and the revision are bound in its associated data, so a
     * record moved to another id, renumbered or sealed in another epoch does not open.
     *
     * @throws dev.omnivault.domain.InvalidInputException when it does not fit the format
     */
    public SealedRecord seal(Secret secret, long revision) {
        if (revision < 1) {
            throw new IllegalArgumentException("a record's revision is at least 1");
        }
        byte[] id = recordId(secret.path());
        byte[] plaintext = RecordCodec.encode(secret);
        byte[] prefix = ByteBuffer.allocate(RECORD_PREFIX_BYTES)
                .put(FORMAT_3)
                .putInt(epoch)
                .putLong(revision)
                .array();
        try (var key = recordKey()) {
            return new SealedRecord(id, Crypto.seal(key.bytes(), record3Aad(id, prefix, 0), prefix, plaintext));
        } finally {
            Crypto.zero(plaintext);
        }
    }

    /**
     * The record {@code id}'s term in the vault's digest, for the revision its sealed bytes say
     * ({@code sealed}): a keyed hash, which only a key holder can make.
     */
    byte[] digestTerm(byte[] id, byte[] sealed) {
        try (var key = macKey()) {
            return Crypto.hmacSha256(key.bytes(), digestTermData(id, sealed));
        }
    }

    private static byte[] digestTermData(byte[] id, byte[] sealed) {
        return ByteBuffer.allocate(DIGEST_TERM_PREFIX.length + id.length + 8)
                .put(DIGEST_TERM_PREFIX)
                .put(id)
                .putLong(revisionOf(sealed))
                .array();
    }

    /** The digest of {@code records}, with one keyed HMAC for all of them (an unlock). */
    VaultDigest digestOf(Iterable<SealedRecord> records) {
        VaultDigest digest = VaultDigest.empty();
        javax.crypto.Mac mac;
        try (var key = macKey()) {
            mac = Crypto.keyedHmac(key.bytes());
        }
        try {
            for (SealedRecord record : records) {
                digest.add(mac.doFinal(digestTermData(record.idBytes(), record.sealedBytes())));
            }
            return digest;
        } finally {
            Crypto.scrub(mac);
        }
    }

    /** {@code digest} sealed for the vault at {@code revision}: it opens for no other revision or vault. */
    byte[] sealDigest(VaultDigest digest, long revision) {
        byte[] plaintext = ByteBuffer.allocate(VaultDigest.BYTES + 8)
                .put(digest.sum())
                .putLong(digest.count())
                .array();
        try (var key = recordKey()) {
            return Crypto.seal(key.bytes(), digestAad(revision), plaintext);
        }
    }

    /**
     * The digest {@code sealed} holds, if it was sealed for the vault at {@code revision}.
     *
     * @throws DamagedFileException when it was not, or it was changed
     */
    VaultDigest openDigest(byte[] sealed, long revision) throws DamagedFileException {
        byte[] plaintext;
        try (var key = recordKey()) {
            plaintext = Crypto.open(key.bytes(), digestAad(revision), sealed);
        } catch (javax.crypto.AEADBadTagException tampered) {
            throw new DamagedFileException("the vault's digest does not authenticate at its revision");
        }
        if (plaintext.length != VaultDigest.BYTES + 8) {
            throw new DamagedFileException("the vault's digest is malformed");
        }
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        byte[] sum = new byte[VaultDigest.BYTES];
        in.get(sum);
        return VaultDigest.of(sum, in.getLong());
    }

    private byte[] digestAad(long revision) {
        return ByteBuffer.allocate(DIGEST_AAD_PREFIX.length + vaultId.length + 8)
                .put(DIGEST_AAD_PREFIX)
                .put(vaultId)
                .putLong(revision)
                .array();
    }

    /**
     * The revision a sealed record says it was written at, read without opening it (so to be
     * trusted only once it opened); {@link #FORMAT_2_REVISION} for one of format 2.
     */
    static long revisionOf(byte[] sealed) {
        if (sealed.length >= RECORD_PREFIX_BYTES + Crypto.SEAL_OVERHEAD && sealed[0] == FORMAT_3) {
            return ByteBuffer.wrap(sealed, 5, 8).getLong();
        }
        return FORMAT_2_REVISION;
    }

    /**
     * Opens a record stored under {@code id}, checking that it is the record of a path with that id.
     *
     * @throws DamagedFileException when it does not authenticate or belongs under another id
     */
    public Secret unseal(byte[] id, byte[] sealed) throws DamagedFileException {
        Crypto.Opener opener = takeOpener();
        try {
            return unseal(opener, id, sealed);
        } finally {
            giveBack(opener);
        }
    }

    /**
     * Opens the record of {@code path} stored under {@code id}, an id the caller learnt when it
     * opened the record before (a listing index): no keyed hash is computed, and the record must
     * hold that path.
     *
     * @throws DamagedFileException when it does not authenticate or holds another path
     */
    public Secret unseal(byte[] id, byte[] sealed, SecretPath expected) throws DamagedFileException {
        Crypto.Opener opener = pooledOpener();
        try {
            try (var recordKey = recordKey()) {
                opener.keyRecords(recordKey.bytes()); // the id is known: the MAC stays unkeyed
            }
            return unseal(opener, id, sealed, secret -> secret.path().equals(expected));
        } finally {
            giveBack(opener);
        }
    }

    /**
     * The secret at {@code path}, found by {@code lookup} (an id to its sealed record, or null)
     * and opened, with one opener keyed once for the id and the record: what a read does.
     *
     * @throws DamagedFileException as {@link #unseal}
     */
    public Optional<Secret> find(SecretPath path, Function<byte[], byte @Nullable []> lookup)
            throws DamagedFileException {
        Crypto.Opener opener = takeOpener();
        try {
            byte[] id = opener.hmac(path.value().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = lookup.apply(id);
            return sealed == null ? Optional.empty() : Optional.of(unseal(opener, id, sealed));
        } finally {
            giveBack(opener);
        }
    }

    /** An opener from the pool (or a new one when every pooled one is in use), keyed. */
    private Crypto.Opener takeOpener() {
        Crypto.Opener opener = pooledOpener();
        key(opener);
        return opener;
    }

    private Crypto.Opener pooledOpener() {
        Crypto.Opener pooled = openers.pollFirst();
        return pooled != null ? pooled : new Crypto.Opener();
    }

    /** Unkeys {@code opener} (its key copy zeroed, its cipher and MAC keyed with zeros) and pools it. */
    private void giveBack(Crypto.Opener opener) {
        opener.unkey();
        openers.offerFirst(opener);
        if (closed) {
            dropOpeners(); // a read that ended as the keys were closed
        }
    }

    /** One opener keyed for many records in a row (an unlock); close it when done. */
    public Bulk bulk() {
        var opener = new Crypto.Opener();
        key(opener);
        return new Bulk(opener);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        dropOpeners();
        memory.close();
    }

    /** See {@link #bulk()}. */
    public final class Bulk implements AutoCloseable {
        private final Crypto.Opener opener;

        private Bulk(Crypto.Opener opener) {
            this.opener = opener;
        }

        /** As {@link VaultKeys#unseal}. */
        public Secret unseal(byte[] id, byte[] sealed) throws DamagedFileException {
            return VaultKeys.this.unseal(opener, id, sealed);
        }

        /**
         * Opens {@code record} as {@link #unseal(byte[], byte[])}, and checks that it says the
         * revision its store keeps beside it, if the store keeps one: a row renumbered is damage.
         */
        public Secret unseal(SealedRecord record) throws DamagedFileException {
            Secret secret = VaultKeys.this.unseal(opener, record.idBytes(), record.sealedBytes());
            if (record.storedRevision() != SealedRecord.UNTOLD
                    && secret.revision() != FORMAT_2_REVISION
                    && secret.revision() != record.storedRevision()) {
                secret.close();
                throw new DamagedFileException("record stored at another revision than it was sealed for");
            }
            return secret;
        }

        @Override
        public void close() {
            opener.close();
        }
    }

    private Secret unseal(Crypto.Opener opener, byte[] id, byte[] sealed) throws DamagedFileException {
        return unseal(
                opener,
                id,
                sealed,
                secret -> MessageDigest.isEqual(
                        id, opener.hmac(secret.path().value().getBytes(StandardCharsets.UTF_8))));
    }

    /** Opens a record stored under {@code id}; it must authenticate and {@code belongs} must hold. */
    private Secret unseal(Crypto.Opener opener, byte[] id, byte[] sealed, Predicate<Secret> belongs)
            throws DamagedFileException {
        byte[] plaintext = null;
        long revision = FORMAT_2_REVISION;
        if (sealed.length >= RECORD_PREFIX_BYTES + Crypto.SEAL_OVERHEAD && sealed[0] == FORMAT_3) {
            try {
                plaintext = opener.open(record3Aad(id, sealed, 0), sealed, RECORD_PREFIX_BYTES);
                revision = revisionOf(sealed);
                if (ByteBuffer.wrap(sealed, 1, 4).getInt() != epoch || revision < 1) {
                    Crypto.zero(plaintext);
                    throw new DamagedFileException("record sealed in another key epoch");
                }
            } catch (AEADBadTagException notFormat3) {
                // a record of format 2 whose nonce begins with the same byte (1 in 256), or damage
            }
        }
        if (plaintext == null) {
            try {
                plaintext = opener.open(recordAad(id), sealed);
            } catch (AEADBadTagException tampered) {
                throw new DamagedFileException("record does not authenticate");
            }
        }
        try {
            Secret secret = RecordCodec.decode(plaintext, revision);
            if (!belongs.test(secret)) {
                secret.close();
                throw new DamagedFileException("record stored under another path's id");
            }
            return secret;
        } finally {
            Crypto.zero(plaintext);
        }
    }

    private void key(Crypto.Opener opener) {
        try (var recordKey = recordKey();
                var idKey = idKey()) {
            opener.key(recordKey.bytes(), idKey.bytes());
        }
    }

    private void dropOpeners() {
        for (Crypto.Opener opener = openers.pollFirst(); opener != null; opener = openers.pollFirst()) {
            opener.close();
        }
    }

    /**
     * A record of format 3's associated data: the label, the vault, the record's id and its clear
     * prefix (format, key epoch, revision), read from {@code prefix} at {@code offset}.
     */
    private byte[] record3Aad(byte[] id, byte[] prefix, int offset) {
        return ByteBuffer.allocate(RECORD_3_AAD_PREFIX.length + vaultId.length + id.length + RECORD_PREFIX_BYTES)
                .put(RECORD_3_AAD_PREFIX)
                .put(vaultId)
                .put(id)
                .put(prefix, offset, RECORD_PREFIX_BYTES)
                .array();
    }

    /** A record of format 2's associated data: the label, the vault and the record's id. */
    private byte[] recordAad(byte[] id) {
        return ByteBuffer.allocate(RECORD_AAD_PREFIX.length + vaultId.length + id.length)
                .put(RECORD_AAD_PREFIX)
                .put(vaultId)
                .put(id)
                .array();
    }

    Borrowed recordKey() {
        return borrow(RECORD);
    }

    Borrowed idKey() {
        return borrow(ID);
    }

    Borrowed macKey() {
        return borrow(MAC);
    }

    Borrowed dataKey() {
        return borrow(DATA);
    }

    private Borrowed borrow(int slot) {
        if (closed) {
            throw new IllegalStateException("vault keys were zeroed");
        }
        try {
            return new Borrowed(memory.read((long) slot * Crypto.KEY_BYTES, Crypto.KEY_BYTES));
        } catch (IllegalStateException closedMeanwhile) {
            throw new IllegalStateException("vault keys were zeroed", closedMeanwhile);
        }
    }

    /** A heap copy of one key for one operation: use it in try-with-resources, which zeroes it. */
    static final class Borrowed implements AutoCloseable {
        private final byte[] bytes;

        private Borrowed(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            Crypto.zero(bytes);
        }

        @Override
        public String toString() {
            return "VaultKeys.Borrowed[redacted]";
        }
    }
}
