package dev.omnivault.adapter.seal;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.TeamException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The header of a team vault, format version 3 (byte layout in docs/storage-format.md): the vault
 * id, its key epoch and its members. Each member has an X25519 key pair; the private key is sealed
 * under a key derived from the member's passphrase (Argon2id, a salt of their own), and the
 * vault's data key is sealed to the public key with HPKE. So a member who unlocks needs only their
 * own passphrase, and any member who holds the data key can wrap a new one for all the others
 * (a re-keying) without knowing their passphrases. The member list is authenticated with the
 * vault's MAC key, so a database administrator who adds, removes or puts back an entry makes
 * the header fail to verify for every member.
 */
final class TeamMeta {

    static final int VERSION = 3;
    static final int MAX_MEMBERS = 256;

    private static final byte[] MEMBER_KEY_AAD = "omnivault/v3/member-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_KEY_INFO = "omnivault/v3/data-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEMBERS_MAC = "omnivault/v3/members".getBytes(StandardCharsets.US_ASCII);
    private static final int SEALED_PRIVATE_BYTES = Crypto.SEAL_OVERHEAD + Crypto.X25519_BYTES;
    private static final int WRAPPED_BYTES = Crypto.HPKE_OVERHEAD + Crypto.KEY_BYTES;
    private static final int CHECKSUM_BYTES = 32;
    /** Where the key epoch is in an encoded header: after the magic, the version, the vault id and the creation time. */
    private static final int EPOCH_OFFSET = VaultMeta.MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + 8;

    /**
     * One member: their passphrase's derivation settings and salt, their public key, their private
     * key sealed under the passphrase, and the data key sealed to the public key ({@code wrapped},
     * empty in an enrolment that no member has added yet).
     */
    record Member(
            MemberName name, Argon2Settings kdf, byte[] salt, byte[] publicKey, byte[] sealedPrivate, byte[] wrapped)
            implements dev.omnivault.application.port.out.MemberEnrolment {

        Member withWrapped(byte[] dataKeyWrapped) {
            return new Member(name, kdf, salt, publicKey, sealedPrivate, dataKeyWrapped);
        }

        @Override
        public String toString() {
            return "TeamMeta.Member[" + name + "]";
        }
    }

    private final byte[] vaultId;
    private final Instant createdAt;
    private final int epoch;
    private final List<Member> members;
    private final byte[] tag;

    private TeamMeta(byte[] vaultId, Instant createdAt, int epoch, List<Member> members, byte[] tag) {
        this.vaultId = vaultId;
        this.createdAt = createdAt;
        this.epoch = epoch;
        this.members =
                members.stream().sorted(Comparator.comparing(Member::name)).toList();
        this.tag = tag;
    }

    /** A new team vault: its header and its keys, open. */
    record Created(TeamMeta meta, VaultKeys keys) {}

    /** A new team vault header and its keys, open, with one member: {@link MemberName#OWNER}. */
    static Created create(Passphrase passphrase, Argon2Settings settings, Instant createdAt) {
        byte[] vaultId = Crypto.randomBytes(VaultMeta.VAULT_ID_BYTES);
        byte[] dataKey = Crypto.randomBytes(Crypto.KEY_BYTES);
        try {
            VaultKeys keys = VaultKeys.derive(dataKey, vaultId, VaultKeys.FIRST_EPOCH);
            try {
                return new Created(forOwner(vaultId, createdAt, passphrase, settings, keys), keys);
            } catch (RuntimeException failed) {
                keys.close();
                throw failed;
            }
        } finally {
            Crypto.zero(dataKey);
        }
    }

    /**
     * The team header of a vault whose keys are open ({@code keys}, of its first epoch), created at
     * {@code createdAt} and so far protected by the owner's passphrase alone (a header of format 2).
     */
    static TeamMeta forOwner(
            byte[] vaultId, Instant createdAt, Passphrase passphrase, Argon2Settings settings, VaultKeys keys) {
        Member owner = enrol(vaultId, MemberName.OWNER, passphrase, settings);
        var unsigned =
                new TeamMeta(vaultId, createdAt, keys.epoch(), List.of(wrapFor(owner, vaultId, keys)), new byte[0]);
        return unsigned.signed(keys);
    }

    /**
     * A member of the vault {@code vaultId}, prepared from their passphrase: a new key pair, the
     * private key sealed under the passphrase (one Argon2id derivation). No data key yet.
     */
    static Member enrol(byte[] vaultId, MemberName name, Passphrase passphrase, Argon2Settings settings) {
        byte[] salt = Crypto.randomBytes(VaultMeta.SALT_BYTES);
        byte[] pair = Crypto.x25519KeyPair();
        byte[] privateKey = Arrays.copyOfRange(pair, 0, Crypto.X25519_BYTES);
        byte[] publicKey = Arrays.copyOfRange(pair, Crypto.X25519_BYTES, pair.length);
        byte[] passwordKey = derive(passphrase, salt, settings);
        try {
            byte[] sealedPrivate =
                    Crypto.seal(passwordKey, memberKeyAad(vaultId, name, settings, salt, publicKey), privateKey);
            return new Member(name, settings, salt, publicKey, sealedPrivate, new byte[0]);
        } finally {
            Crypto.zero(pair, privateKey, passwordKey);
        }
    }

    /** The keys this header gives {@code name} for {@code passphrase}; empty when either is wrong. */
    Optional<VaultKeys> open(MemberName name, Passphrase passphrase) throws DamagedFileException {
        Optional<Member> member = member(name);
        if (member.isEmpty()) {
            // the same derivation as for a member, so an unlock does not tell names apart by its time
            Crypto.zero(derive(
                    passphrase,
                    Crypto.randomBytes(VaultMeta.SALT_BYTES),
                    members.getFirst().kdf()));
            return Optional.empty();
        }
        Optional<byte[]> privateKey = openPrivate(member.get(), passphrase);
        if (privateKey.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(keysFor(member.get(), privateKey.get()));
        } finally {
            Crypto.zero(privateKey.get());
        }
    }

    /** The vault's keys, from the data key sealed to {@code member}, whose private key is {@code privateKey}; verified. */
    private VaultKeys keysFor(Member member, byte[] privateKey) throws DamagedFileException {
        byte[] dataKey;
        try {
            dataKey = Crypto.hpkeOpen(privateKey, member.publicKey(), dataKeyInfo(member.name()), member.wrapped());
        } catch (AEADBadTagException tampered) {
            throw new DamagedFileException("the data key wrapped for member '" + member.name() + "' does not open");
        }
        VaultKeys keys;
        try {
            keys = VaultKeys.derive(dataKey, vaultId, epoch);
        } finally {
            Crypto.zero(dataKey);
        }
        try {
            verify(keys);
        } catch (DamagedFileException | RuntimeException failed) {
            keys.close();
            throw failed;
        }
        return keys;
    }

    /**
     * Checks the member list against its MAC under {@code keys} (the vault's open keys, of this
     * header's epoch).
     *
     * @throws DamagedFileException when a member was added, removed, changed or put back by
     *     someone without the data key, or the keys are of another epoch
     */
    void verify(VaultKeys keys) throws DamagedFileException {
        if (keys.epoch() != epoch) {
            throw new DamagedFileException("the header is of key epoch " + epoch + ", the keys of " + keys.epoch());
        }
        byte[] body = body();
        if (!keys.verifies(macInput(body), 0, MEMBERS_MAC.length + body.length, tag)) {
            throw new DamagedFileException("the member list does not authenticate");
        }
    }

    /** This header with {@code enrolled} added, the data key wrapped for them, signed with {@code keys}. */
    TeamMeta with(Member enrolled, VaultKeys keys) {
        if (member(enrolled.name()).isPresent()) {
            throw TeamException.exists(enrolled.name());
        }
        if (members.size() >= MAX_MEMBERS) {
            throw TeamException.refused("a vault has at most " + MAX_MEMBERS + " members");
        }
        var next = new ArrayList<>(members);
        next.add(wrapFor(enrolled, vaultId, keys));
        return new TeamMeta(vaultId, createdAt, epoch, next, new byte[0]).signed(keys);
    }

    /** A header of the next epoch and its keys: a new data key, wrapped for every member but {@code removed}. */
    record Rekeyed(TeamMeta meta, VaultKeys keys) {}

    /** Refuses to remove {@code name} when no member has that name, or they are the last. */
    void requireRemovable(MemberName name) {
        if (member(name).isEmpty()) {
            throw TeamException.unknown(name);
        }
        if (members.size() == 1) {
            throw TeamException.refused("the vault's last member cannot be removed");
        }
    }

    Rekeyed without(MemberName removed) {
        requireRemovable(removed);
        byte[] dataKey = Crypto.randomBytes(Crypto.KEY_BYTES);
        VaultKeys keys;
        try {
            keys = VaultKeys.derive(dataKey, vaultId, Math.addExact(epoch, 1));
        } finally {
            Crypto.zero(dataKey);
        }
        try {
            var remaining = new ArrayList<Member>();
            for (Member member : members) {
                if (!member.name().equals(removed)) {
                    remaining.add(wrapFor(member, vaultId, keys));
                }
            }
            var unsigned = new TeamMeta(vaultId, createdAt, keys.epoch(), remaining, new byte[0]);
            return new Rekeyed(unsigned.signed(keys), keys);
        } catch (RuntimeException failed) {
            keys.close();
            throw failed;
        }
    }

    /**
     * This header with {@code name}'s private key sealed under {@code replacement} instead (a new
     * salt, {@code settings}); empty when {@code current} is not their passphrase.
     */
    Optional<TeamMeta> rewrap(MemberName name, Passphrase current, Passphrase replacement, Argon2Settings settings)
            throws DamagedFileException {
        Optional<Member> found = member(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Member member = found.get();
        Optional<byte[]> opened = openPrivate(member, current);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        byte[] privateKey = opened.get();
        byte[] passwordKey = new byte[0];
        try (VaultKeys keys = keysFor(member, privateKey)) {
            byte[] salt = Crypto.randomBytes(VaultMeta.SALT_BYTES);
            passwordKey = derive(replacement, salt, settings);
            byte[] sealedPrivate = Crypto.seal(
                    passwordKey, memberKeyAad(vaultId, name, settings, salt, member.publicKey()), privateKey);
            var next = new ArrayList<Member>();
            for (Member each : members) {
                next.add(
                        each.name().equals(name)
                                ? new Member(name, settings, salt, member.publicKey(), sealedPrivate, member.wrapped())
                                : each);
            }
            return Optional.of(new TeamMeta(vaultId, createdAt, epoch, next, new byte[0]).signed(keys));
        } finally {
            Crypto.zero(privateKey, passwordKey);
        }
    }

    List<MemberName> names() {
        return members.stream().map(Member::name).toList();
    }

    int epoch() {
        return epoch;
    }

    byte[] vaultId() {
        return vaultId.clone();
    }

    private Optional<Member> member(MemberName name) {
        return members.stream().filter(member -> member.name().equals(name)).findFirst();
    }

    /** {@code member}'s private key, or empty when {@code passphrase} is not theirs (one Argon2id derivation). */
    private Optional<byte[]> openPrivate(Member member, Passphrase passphrase) {
        byte[] passwordKey = derive(passphrase, member.salt(), member.kdf());
        try {
            return Optional.of(Crypto.open(
                    passwordKey,
                    memberKeyAad(vaultId, member.name(), member.kdf(), member.salt(), member.publicKey()),
                    member.sealedPrivate()));
        } catch (AEADBadTagException wrongPassphrase) {
            return Optional.empty();
        } finally {
            Crypto.zero(passwordKey);
        }
    }

    private static Member wrapFor(Member member, byte[] vaultId, VaultKeys keys) {
        try (var dataKey = keys.dataKey()) {
            return member.withWrapped(Crypto.hpkeSeal(
                    member.publicKey(), dataKeyInfo(vaultId, keys.epoch(), member.name()), dataKey.bytes()));
        }
    }

    private byte[] dataKeyInfo(MemberName name) {
        return dataKeyInfo(vaultId, epoch, name);
    }

    /** What the data key is sealed to a member for: this vault, this epoch, this member. */
    private static byte[] dataKeyInfo(byte[] vaultId, int epoch, MemberName name) {
        byte[] encodedName = name.value().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(DATA_KEY_INFO.length + vaultId.length + 4 + 1 + encodedName.length)
                .put(DATA_KEY_INFO)
                .put(vaultId)
                .putInt(epoch)
                .put((byte) encodedName.length)
                .put(encodedName)
                .array();
    }

    private static byte[] memberKeyAad(
            byte[] vaultId, MemberName name, Argon2Settings kdf, byte[] salt, byte[] publicKey) {
        byte[] encodedName = name.value().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MEMBER_KEY_AAD.length
                        + vaultId.length
                        + 1
                        + encodedName.length
                        + 12
                        + salt.length
                        + publicKey.length)
                .put(MEMBER_KEY_AAD)
                .put(vaultId)
                .put((byte) encodedName.length)
                .put(encodedName)
                .putInt(kdf.iterations())
                .putInt(kdf.memoryKiB())
                .putInt(kdf.parallelism())
                .put(salt)
                .put(publicKey)
                .array();
    }

    private static byte[] derive(Passphrase passphrase, byte[] salt, Argon2Settings kdf) {
        return VaultMeta.derive(passphrase, salt, kdf);
    }

    private TeamMeta signed(VaultKeys keys) {
        byte[] body = body();
        byte[] input = macInput(body);
        return new TeamMeta(vaultId, createdAt, epoch, members, keys.mac(input, 0, input.length));
    }

    private static byte[] macInput(byte[] body) {
        return Crypto.concat(MEMBERS_MAC, body);
    }

    /** Everything but the MAC and the checksum. */
    private byte[] body() {
        int size = VaultMeta.MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + 8 + 4 + 2;
        for (Member member : members) {
            size += 1
                    + member.name().value().length()
                    + 1
                    + 12
                    + 1
                    + member.salt().length
                    + Crypto.X25519_BYTES
                    + SEALED_PRIVATE_BYTES
                    + WRAPPED_BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VaultMeta.MAGIC)
                .putShort((short) VERSION)
                .put(vaultId)
                .putLong(createdAt.getEpochSecond())
                .putInt(epoch)
                .putShort((short) members.size());
        for (Member member : members) {
            byte[] name = member.name().value().getBytes(StandardCharsets.US_ASCII);
            out.put((byte) name.length)
                    .put(name)
                    .put(VaultMeta.KDF_ARGON2ID_13)
                    .putInt(member.kdf().iterations())
                    .putInt(member.kdf().memoryKiB())
                    .putInt(member.kdf().parallelism())
                    .put((byte) member.salt().length)
                    .put(member.salt())
                    .put(member.publicKey())
                    .put(member.sealedPrivate())
                    .put(member.wrapped());
        }
        return out.array();
    }

    byte[] encode() {
        byte[] body = body();
        ByteBuffer out = ByteBuffer.allocate(body.length + tag.length + CHECKSUM_BYTES);
        out.put(body).put(tag);
        out.put(Crypto.sha256(out.array(), 0, out.position()));
        return out.array();
    }

    /** Whether {@code header} is (or claims to be) a team header: the magic, then version 3. */
    static boolean isTeamHeader(byte[] header) {
        return header.length > EPOCH_OFFSET
                && Arrays.equals(header, 0, VaultMeta.MAGIC.length, VaultMeta.MAGIC, 0, VaultMeta.MAGIC.length)
                && ByteBuffer.wrap(header, VaultMeta.MAGIC.length, 2).getShort() == VERSION;
    }

    /**
     * The key epoch {@code header} says, read without verifying it (so a hint: a changed byte makes
     * the daemons lock, and the next unlock verifies); {@link VaultKeys#FIRST_EPOCH} for a header
     * of format 2, which has one.
     */
    static int epochOf(byte[] header) {
        if (!isTeamHeader(header) || header.length < EPOCH_OFFSET + 4) {
            return VaultKeys.FIRST_EPOCH;
        }
        return ByteBuffer.wrap(header, EPOCH_OFFSET, 4).getInt();
    }

    static TeamMeta decode(byte[] bytes) throws DamagedFileException {
        if (bytes.length < VaultMeta.MAGIC.length + VaultKeys.MAC_BYTES + CHECKSUM_BYTES) {
            throw new DamagedFileException("truncated");
        }
        int checked = bytes.length - CHECKSUM_BYTES;
        if (!MessageDigest.isEqual(
                Arrays.copyOfRange(bytes, checked, bytes.length), Crypto.sha256(bytes, 0, checked))) {
            throw new DamagedFileException("checksum mismatch");
        }
        if (!isTeamHeader(bytes)) {
            throw new DamagedFileException("not an OmniVault v3 header");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, checked - VaultKeys.MAC_BYTES);
            in.position(VaultMeta.MAGIC.length + 2);
            byte[] vaultId = new byte[VaultMeta.VAULT_ID_BYTES];
            in.get(vaultId);
            Instant createdAt = Instant.ofEpochSecond(in.getLong());
            int epoch = in.getInt();
            int count = Short.toUnsignedInt(in.getShort());
            if (epoch < VaultKeys.FIRST_EPOCH || count < 1 || count > MAX_MEMBERS) {
                throw new DamagedFileException("malformed");
            }
            var members = new ArrayList<Member>(count);
            for (int i = 0; i < count; i++) {
                members.add(decodeMember(in));
            }
            if (in.hasRemaining()
                    || members.stream().map(Member::name).distinct().count() != count) {
                throw new DamagedFileException("malformed");
            }
            byte[] tag = Arrays.copyOfRange(bytes, checked - VaultKeys.MAC_BYTES, checked);
            return new TeamMeta(vaultId, createdAt, epoch, members, tag);
        } catch (BufferUnderflowException | DateTimeException | InvalidInputException malformed) {
            throw new DamagedFileException("malformed");
        }
    }

    private static Member decodeMember(ByteBuffer in) throws DamagedFileException {
        byte[] name = new byte[Byte.toUnsignedInt(in.get())];
        in.get(name);
        MemberName memberName = new MemberName(new String(name, StandardCharsets.US_ASCII));
        if (in.get() != VaultMeta.KDF_ARGON2ID_13) {
            throw new DamagedFileException("unknown key derivation");
        }
        Argon2Settings kdf;
        try {
            kdf = new Argon2Settings(in.getInt(), in.getInt(), in.getInt());
        } catch (IllegalArgumentException outOfRange) {
            throw new DamagedFileException(String.valueOf(outOfRange.getMessage()));
        }
        if (Byte.toUnsignedInt(in.get()) != VaultMeta.SALT_BYTES) {
            throw new DamagedFileException("unexpected salt length");
        }
        byte[] salt = new byte[VaultMeta.SALT_BYTES];
        in.get(salt);
        byte[] publicKey = new byte[Crypto.X25519_BYTES];
        in.get(publicKey);
        byte[] sealedPrivate = new byte[SEALED_PRIVATE_BYTES];
        in.get(sealedPrivate);
        byte[] wrapped = new byte[WRAPPED_BYTES];
        in.get(wrapped);
        return new Member(memberName, kdf, salt, publicKey, sealedPrivate, wrapped);
    }
}
