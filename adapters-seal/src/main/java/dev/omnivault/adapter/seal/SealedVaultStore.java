package dev.omnivault.adapter.seal;

import dev.omnivault.application.port.out.MemberEnrolment;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VaultStore} over any {@link RecordStore}: every piece of cryptography here (the header
 * and its Argon2id, the keys, sealing and opening records, ids as keyed hashes of paths, the
 * migration of a Go OmniVault vault), and only ciphertext below. An open vault is a
 * {@link SealedSession}.
 */
public final class SealedVaultStore implements VaultStore {

    private final RecordStore records;
    private final Argon2Settings settings;
    private final InstantSource clock;
    private final Consumer<String> warnings;
    /** The open session, which a store's watch brings up to date; none while locked. */
    private volatile @Nullable SealedSession current;

    private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();

    public SealedVaultStore(RecordStore records, Argon2Settings settings, InstantSource clock) {
        this(records, settings, clock, warning -> {});
    }

    /** A store that reports what a user should know (a migration, a renamed Go path) to {@code warnings}. */
    public SealedVaultStore(
            RecordStore records, Argon2Settings settings, InstantSource clock, Consumer<String> warnings) {
        this.records = records;
        this.settings = settings;
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public boolean exists() {
        return records.exists();
    }

    @Override
    public VaultSession create(Passphrase passphrase) {
        return create(passphrase, List.of());
    }

    /** Creates a vault that already holds {@code secrets}, stored in one step (a bulk import, a benchmark). */
    public VaultSession create(Passphrase passphrase, List<Secret> secrets) {
        if (exists()) {
            throw new VaultAlreadyExistsException();
        }
        byte[] header;
        VaultKeys keys;
        if (records.keepsTeam()) {
            TeamMeta.Created created = TeamMeta.create(passphrase, settings, clock.instant());
            header = created.meta().encode();
            keys = created.keys();
        } else {
            VaultMeta.Created created = VaultMeta.create(passphrase, settings, clock.instant());
            header = created.meta().encode();
            keys = created.keys();
        }
        try {
            List<SealedRecord> sealed = seal(secrets, keys);
            RecordStore.Batch initial = RecordStore.Batch.bulk(sealed);
            VaultDigest digest = SealedSession.digestOf(records, keys, sealed);
            if (digest != null) {
                initial = initial.withDigest(keys.sealDigest(digest, RecordStore.FIRST_REVISION));
            }
            long revision = records.create(header, initial, keys);
            return opened(SealedSession.written(
                    records, keys, teamMember(MemberName.OWNER), revision, secrets, sealed, digest));
        } catch (RuntimeException failed) {
            keys.close();
            throw failed;
        }
    }

    @Override
    public Optional<VaultSession> open(Passphrase passphrase) {
        return open(MemberName.OWNER, passphrase);
    }

    /** How many times an unlock reads the header again when a re-keying elsewhere replaced it meanwhile. */
    private static final int OPEN_ATTEMPTS = 3;

    @Override
    public Optional<VaultSession> open(MemberName member, Passphrase passphrase) {
        for (int attempt = 1; ; attempt++) {
            byte[] header = header();
            if (GoV1Vault.looksLikeV1(header)) {
                if (!member.equals(MemberName.OWNER)) {
                    throw VaultSession.noTeam();
                }
                return migrate(header, passphrase);
            }
            Optional<VaultKeys> opened = openKeys(header, member, passphrase);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            VaultKeys keys = opened.get();
            try {
                RecordStore.Snapshot snapshot = records.load(keys);
                if (snapshot.header().length > 0
                        && TeamMeta.epochOf(snapshot.header()) != keys.epoch()
                        && attempt < OPEN_ATTEMPTS) {
                    keys.close(); // re-keyed between the header and the records: open the new header
                    continue;
                }
                return Optional.of(opened(SealedSession.loaded(records, keys, teamMember(member), snapshot)));
            } catch (RuntimeException failed) {
                keys.close();
                throw failed;
            }
        }
    }

    /**
     * The keys {@code header} gives {@code member} for {@code passphrase}. A header of format 2 on a
     * team store is rewritten as a team header with its owner, the first time the owner unlocks.
     */
    private Optional<VaultKeys> openKeys(byte[] header, MemberName member, Passphrase passphrase) {
        if (TeamMeta.isTeamHeader(header)) {
            try {
                return decodeTeam(header).open(member, passphrase);
            } catch (DamagedFileException damaged) {
                throw records.damaged(RecordStore.Part.MEMBERS, null);
            }
        }
        if (!member.equals(MemberName.OWNER)) {
            if (!records.keepsTeam()) {
                throw VaultSession.noTeam(); // a vault of one user: say so rather than "invalid password"
            }
            return Optional.empty();
        }
        VaultMeta meta = decode(header);
        Optional<VaultKeys> opened = meta.open(passphrase);
        if (opened.isPresent() && records.keepsTeam()) {
            TeamMeta team = TeamMeta.forOwner(meta.vaultId(), meta.createdAt(), passphrase, settings, opened.get());
            // another daemon's upgrade may have won: it holds the same key, so either header serves
            records.replaceHeader(header, team.encode());
        }
        return opened;
    }

    @Override
    public MemberEnrolment enrol(MemberName name, Passphrase passphrase) {
        if (!records.keepsTeam()) {
            throw VaultSession.noTeam();
        }
        byte[] header = header();
        byte[] vaultId = TeamMeta.isTeamHeader(header)
                ? decodeTeam(header).vaultId()
                : decode(header).vaultId();
        return TeamMeta.enrol(vaultId, name, passphrase, settings);
    }

    @Override
    public boolean changePassphrase(MemberName member, Passphrase current, Passphrase replacement) {
        byte[] header = header();
        if (!TeamMeta.isTeamHeader(header)) {
            return member.equals(MemberName.OWNER) && changePassphrase(current, replacement);
        }
        Optional<TeamMeta> rewrapped;
        try {
            rewrapped = decodeTeam(header).rewrap(member, current, replacement, settings);
        } catch (DamagedFileException damaged) {
            throw records.damaged(RecordStore.Part.MEMBERS, null);
        }
        if (rewrapped.isEmpty()) {
            return false;
        }
        replaceHeader(header, rewrapped.get().encode());
        return true;
    }

    private void replaceHeader(byte[] expected, byte[] replacement) {
        if (!records.replaceHeader(expected, replacement)) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.IO_FAILURE,
                    "the vault's header changed during the passphrase change; the old passphrase still works");
        }
    }

    /** The member a session is opened as, for a store that keeps a team; null for one that does not. */
    private @Nullable MemberName teamMember(MemberName member) {
        return records.keepsTeam() ? member : null;
    }

    @Override
    public boolean changePassphrase(Passphrase current, Passphrase replacement) {
        byte[] header = header();
        if (TeamMeta.isTeamHeader(header)) {
            return changePassphrase(MemberName.OWNER, current, replacement);
        }
        if (GoV1Vault.looksLikeV1(header)) {
            // Migrate first (checking the current passphrase), then re-wrap the new format's key.
            Optional<VaultSession> migrated = migrate(header, current);
            if (migrated.isEmpty()) {
                return false;
            }
            migrated.get().close();
            header = header();
        }
        Optional<VaultMeta> rewrapped = decode(header).rewrap(current, replacement, settings);
        if (rewrapped.isEmpty()) {
            return false;
        }
        replaceHeader(header, rewrapped.get().encode());
        return true;
    }

    @Override
    public List<String> legacyBackups() {
        return records.legacyBackups();
    }

    @Override
    public List<String> forgetLegacyBackups() {
        return records.forgetLegacyBackups();
    }

    @Override
    public void close() {
        current = null;
        records.close();
    }

    /**
     * Makes {@code session} the one the store's watch brings up to date; the watch starts with
     * the first session (a store nobody else writes never calls it).
     */
    private SealedSession opened(SealedSession session) {
        current = session;
        if (watching.compareAndSet(false, true)) {
            records.watch(this::othersChanged);
        }
        return session;
    }

    /** Another writer may have changed the store: the open session catches up, if there is one. */
    private void othersChanged() {
        SealedSession session = current;
        if (session == null) {
            return;
        }
        try {
            session.catchUp();
        } catch (IllegalStateException closed) {
            // locked meanwhile: the next unlock reads everything
        } catch (VaultStoreException unreachable) {
            // the store is down or damaged: the next request that needs it says so
        }
    }

    /**
     * Opens the Go OmniVault vault whose header is {@code legacyHeader} with {@code passphrase}
     * and has the store replace it by a vault of this format holding the same secrets; empty when
     * the passphrase is wrong (and nothing changed).
     */
    private Optional<VaultSession> migrate(byte[] legacyHeader, Passphrase passphrase) {
        byte[] legacyRecords =
                records.legacyRecords().orElseThrow(() -> records.damaged(RecordStore.Part.HEADER, null));
        Optional<GoV1Vault.Contents> contents;
        try {
            contents = GoV1Vault.open(legacyHeader, legacyRecords, passphrase);
        } catch (DamagedFileException damaged) {
            throw records.damaged(
                    damaged.file().equals(GoV1Vault.META_FILE)
                            ? RecordStore.Part.LEGACY_HEADER
                            : RecordStore.Part.LEGACY_RECORDS,
                    null);
        }
        if (contents.isEmpty()) {
            return Optional.empty();
        }
        List<Secret> secrets = contents.get().secrets();
        VaultMeta.Created created = VaultMeta.create(passphrase, settings, clock.instant());
        VaultKeys keys = created.keys();
        try {
            List<SealedRecord> sealed = seal(secrets, keys);
            long revision = records.migrate(legacyHeader, created.meta().encode(), sealed, keys);
            VaultSession migrated = opened(SealedSession.written(
                    records,
                    keys,
                    teamMember(MemberName.OWNER),
                    revision,
                    secrets,
                    sealed,
                    SealedSession.digestOf(records, keys, sealed)));
            for (GoV1Vault.Renamed renamed : contents.get().renamed()) {
                warnings.accept("a Go OmniVault secret whose path is not allowed here was stored as '"
                        + renamed.storedAs() + "' (its Go path: " + LogText.quoted(renamed.goPath()) + ")");
            }
            warnings.accept("the Go OmniVault vault in " + records.location() + " was migrated; its files are kept as "
                    + String.join(" and ", records.legacyBackups()) + ", which still open with the Go password");
            return Optional.of(migrated);
        } catch (RuntimeException failed) {
            keys.close();
            throw failed;
        } finally {
            secrets.forEach(Secret::close);
        }
    }

    private static List<SealedRecord> seal(List<Secret> secrets, VaultKeys keys) {
        var sealed = new ArrayList<SealedRecord>(secrets.size());
        for (Secret secret : secrets) {
            sealed.add(keys.seal(secret, RecordStore.FIRST_REVISION));
        }
        return sealed;
    }

    private byte[] header() {
        return records.header().orElseThrow(VaultNotInitialisedException::new);
    }

    private TeamMeta decodeTeam(byte[] header) {
        try {
            return TeamMeta.decode(header);
        } catch (DamagedFileException damaged) {
            throw records.damaged(RecordStore.Part.HEADER, null);
        }
    }

    private VaultMeta decode(byte[] header) {
        try {
            return VaultMeta.decode(header);
        } catch (DamagedFileException damaged) {
            throw records.damaged(RecordStore.Part.HEADER, null);
        }
    }
}
