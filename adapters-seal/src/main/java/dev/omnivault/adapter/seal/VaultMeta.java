package dev.omnivault.adapter.seal;

import dev.omnivault.domain.Passphrase;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * {@code vault.meta}, format version 2 (byte layout in docs/storage-format.md): the vault id, the
 * Argon2id settings and salt, the data key wrapped with the password-derived key, and a SHA-256
 * checksum. The wrap's associated data is the whole header, so changing any setting makes the
 * unwrap fail.
 */
public final class VaultMeta {

    static final byte[] MAGIC = "OMNIVMET".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    public static final int VAULT_ID_BYTES = 16;
    static final int SALT_BYTES = 32;
    static final byte KDF_ARGON2ID_13 = 1;
    static final byte[] WRAP_AAD_PREFIX = "omnivault/v2/key".getBytes(StandardCharsets.US_ASCII);

    private static final int WRAPPED_BYTES = Crypto.SEAL_OVERHEAD + Crypto.KEY_BYTES;
    private static final int CHECKSUM_BYTES = 32;

    private final byte[] vaultId;
    private final Instant createdAt;
    private final Argon2Settings kdf;
    private final byte[] salt;
    private final byte[] wrappedKey;

    private VaultMeta(byte[] vaultId, Instant createdAt, Argon2Settings kdf, byte[] salt, byte[] wrappedKey) {
        this.vaultId = vaultId;
        this.createdAt = createdAt;
        this.kdf = kdf;
        this.salt = salt;
        this.wrappedKey = wrappedKey;
    }

    /** A new vault: its meta and its keys, open. */
    public record Created(VaultMeta meta, VaultKeys keys) {}

    /** A new vault protected by {@code passphrase}: a fresh id, salt and random data key. */
    public static Created create(Passphrase passphrase, Argon2Settings settings, Instant createdAt) {
        byte[] vaultId = Crypto.randomBytes(VAULT_ID_BYTES);
        byte[] salt = Crypto.randomBytes(SALT_BYTES);
        byte[] dataKey = Crypto.randomBytes(Crypto.KEY_BYTES);
        byte[] passwordKey = derive(passphrase, salt, settings);
        try {
            VaultMeta meta = wrap(vaultId, createdAt, settings, salt, passwordKey, dataKey);
            return new Created(meta, VaultKeys.derive(dataKey, vaultId));
        } finally {
            Crypto.zero(passwordKey, dataKey);
        }
    }

    /** The vault's keys, or empty when {@code passphrase} is wrong (one Argon2id derivation, queued). */
    public Optional<VaultKeys> open(Passphrase passphrase) {
        Optional<byte[]> dataKey = unwrap(passphrase);
        if (dataKey.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(VaultKeys.derive(dataKey.get(), vaultId));
        } finally {
            Crypto.zero(dataKey.get());
        }
    }

    /**
     * The same vault, its data key wrapped anew under {@code replacement} (a new salt, {@code
     * settings}); empty when {@code current} is wrong.
     */
    public Optional<VaultMeta> rewrap(Passphrase current, Passphrase replacement, Argon2Settings settings) {
        Optional<byte[]> dataKey = unwrap(current);
        if (dataKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] newSalt = Crypto.randomBytes(SALT_BYTES);
        byte[] newPasswordKey = derive(replacement, newSalt, settings);
        try {
            return Optional.of(wrap(vaultId, createdAt, settings, newSalt, newPasswordKey, dataKey.get()));
        } finally {
            Crypto.zero(newPasswordKey, dataKey.get());
        }
    }

    private static VaultMeta wrap(
            byte[] vaultId, Instant createdAt, Argon2Settings kdf, byte[] salt, byte[] passwordKey, byte[] dataKey) {
        var unsealed = new VaultMeta(vaultId, createdAt, kdf, salt, new byte[0]);
        byte[] wrapped = Crypto.seal(passwordKey, unsealed.wrapAad(), dataKey);
        return new VaultMeta(vaultId, createdAt, kdf, salt, wrapped);
    }

    /** The data key, or empty when {@code passphrase} does not open the wrap. */
    private Optional<byte[]> unwrap(Passphrase passphrase) {
        byte[] passwordKey = derive(passphrase, salt, kdf);
        try {
            return Optional.of(Crypto.open(passwordKey, wrapAad(), wrappedKey));
        } catch (AEADBadTagException wrongKey) {
            return Optional.empty();
        } finally {
            Crypto.zero(passwordKey);
        }
    }

    /** The key {@code passphrase} derives with {@code salt} and {@code kdf} (Argon2id, queued); the caller zeroes it. */
    static byte[] derive(Passphrase passphrase, byte[] salt, Argon2Settings kdf) {
        byte[] password = passphrase.revealUtf8();
        try {
            return Crypto.argon2id(password, salt, kdf, Crypto.KEY_BYTES);
        } finally {
            Crypto.zero(password);
        }
    }

    public byte[] vaultId() {
        return vaultId.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Argon2Settings kdf() {
        return kdf;
    }

    byte[] salt() {
        return salt.clone();
    }

    public byte[] encode() {
        byte[] header = header();
        ByteBuffer out = ByteBuffer.allocate(header.length + wrappedKey.length + CHECKSUM_BYTES);
        out.put(header).put(wrappedKey);
        out.put(Crypto.sha256(out.array(), 0, out.position()));
        return out.array();
    }

    public static VaultMeta decode(byte[] bytes) throws DamagedFileException {
        // The checksum comes first, so no damaged byte is interpreted as a length, a date or a setting.
        if (bytes.length < MAGIC.length + CHECKSUM_BYTES) {
            throw new DamagedFileException("truncated");
        }
        int checked = bytes.length - CHECKSUM_BYTES;
        if (!MessageDigest.isEqual(
                Arrays.copyOfRange(bytes, checked, bytes.length), Crypto.sha256(bytes, 0, checked))) {
            throw new DamagedFileException("checksum mismatch");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, checked);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DamagedFileException("not an OmniVault v2 meta file");
            }
            int version = Short.toUnsignedInt(in.getShort());
            if (version != VERSION) {
                throw new DamagedFileException("unsupported format version " + version);
            }
            byte[] vaultId = new byte[VAULT_ID_BYTES];
            in.get(vaultId);
            Instant createdAt = Instant.ofEpochSecond(in.getLong());
            if (in.get() != KDF_ARGON2ID_13) {
                throw new DamagedFileException("unknown key derivation");
            }
            int iterations = in.getInt();
            int memory = in.getInt();
            int parallelism = in.getInt();
            int saltLength = Byte.toUnsignedInt(in.get());
            if (saltLength != SALT_BYTES) {
                throw new DamagedFileException("unexpected salt length");
            }
            byte[] salt = new byte[saltLength];
            in.get(salt);
            byte[] wrapped = new byte[WRAPPED_BYTES];
            in.get(wrapped);
            if (in.hasRemaining()) {
                throw new DamagedFileException("trailing bytes");
            }
            Argon2Settings kdf;
            try {
                kdf = new Argon2Settings(iterations, memory, parallelism);
            } catch (IllegalArgumentException outOfRange) {
                throw new DamagedFileException(String.valueOf(outOfRange.getMessage()));
            }
            return new VaultMeta(vaultId, createdAt, kdf, salt, wrapped);
        } catch (BufferUnderflowException | DateTimeException malformed) {
            throw new DamagedFileException("malformed");
        }
    }

    private byte[] header() {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + VAULT_ID_BYTES + 8 + 1 + 12 + 1 + salt.length);
        out.put(MAGIC)
                .putShort((short) VERSION)
                .put(vaultId)
                .putLong(createdAt.getEpochSecond())
                .put(KDF_ARGON2ID_13)
                .putInt(kdf.iterations())
                .putInt(kdf.memoryKiB())
                .putInt(kdf.parallelism())
                .put((byte) salt.length)
                .put(salt);
        return out.array();
    }

    private byte[] wrapAad() {
        return Crypto.concat(WRAP_AAD_PREFIX, header());
    }
}
