package dev.omnivault.adapter.seal;

import dev.omnivault.application.port.out.VaultStoreException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a sealed vault's bytes are kept, beneath {@link SealedVaultStore}: the vault's header
 * (Argon2id settings, salt, the wrapped data key: opaque here), sealed records under opaque ids,
 * and a revision. A store never sees a key, a path or a value. Every change is one batch, applied
 * whole and durably or not at all, and only at the revision its writer last saw (check-and-set),
 * so a writer never overwrites a change it has not seen. Failures are {@code VaultStoreException}s:
 * {@code CORRUPTED} for stored bytes that do not parse or authenticate, {@code IO_FAILURE} for a
 * medium that cannot be read or written.
 */
public interface RecordStore extends AutoCloseable {

    /** The header, or empty when no vault has been created here. */
    Optional<byte[]> header();

    /** Whether a vault has been created here (a store may answer without reading the header). */
    default boolean exists() {
        return header().isPresent();
    }

    /**
     * The header a snapshot or a change carries from a store that does not say it; a team store says
     * the header read with them, so a reader learns of a re-keying in the same read.
     */
    byte[] NO_HEADER = new byte[0];

    /** The digest of a store that keeps none, or of a vault whose store lost it. */
    byte[] NO_DIGEST = new byte[0];

    /** The revision the records a vault is created with are sealed for (a store's own first revision may be higher). */
    long FIRST_REVISION = 1;

    /**
     * Creates the vault, header and records (sealed for {@link #FIRST_REVISION}) in one step, and
     * returns its first revision.
     *
     * @throws dev.omnivault.domain.VaultAlreadyExistsException if there is one
     */
    long create(byte[] header, List<SealedRecord> records, Authenticator authenticator);

    /**
     * {@link #create(byte[], List, Authenticator)} with the vault's first digest, which a store
     * that {@link #keepsDigest() keeps one} keeps; others drop it.
     */
    default long create(byte[] header, Batch initial, Authenticator authenticator) {
        return create(header, initial.puts(), authenticator);
    }

    /**
     * Whether this store keeps the vault's digest (sealed, opaque here) with each revision: one that
     * several daemons share, whose rows a database administrator could put back one by one, does,
     * and hands it back with every snapshot and change; the seal then checks the rows against it.
     * A store whose own layout authenticates the whole vault (a file with a MAC) need not.
     */
    default boolean keepsDigest() {
        return false;
    }

    /**
     * Whether this store keeps a team vault: one that several daemons share, whose header names
     * members who each unlock with their own passphrase, and which a re-keying ({@link #rekey})
     * replaces whole when a member is removed. A store for one user need not.
     */
    default boolean keepsTeam() {
        return false;
    }

    /**
     * Replaces the header and every record at once (a re-keying: a new key, new ids, every record
     * sealed again), on top of whatever other writers changed since {@code expectedRevision}, in
     * one step: {@code rekeying} is handed the revision it lands at and those changes, with the
     * header as it is then (no header changes meanwhile), and returns the new header and every
     * record; the store deletes every record it held before. Returns the new revision; nothing is
     * applied when it throws.
     */
    default long rekey(long expectedRevision, Rekeying rekeying, Authenticator authenticator) {
        throw new UnsupportedOperationException("this store keeps no team vault");
    }

    /** Makes a re-keyed vault for the revision it lands at, knowing the others' changes (and the header) before it. */
    @FunctionalInterface
    interface Rekeying {
        Rekeyed at(long revision, Changes others);
    }

    /** A re-keyed vault: its header, and every record put (with the digest after them). */
    record Rekeyed(byte[] header, Batch everything) {
        public Rekeyed {
            header = header.clone();
        }
    }

    /**
     * Every record and the revision they were read at; a store whose layout carries MACs checks
     * them with {@code authenticator}.
     *
     * @throws dev.omnivault.domain.VaultNotInitialisedException if there is no vault
     */
    Snapshot load(Authenticator authenticator);

    /**
     * Applies {@code batch} if the store is still at {@code expectedRevision}, and returns the new
     * revision, which is at least {@code expectedRevision + 1} (the revision the batch's records
     * were sealed for; a store whose records keep their revision beside them keeps that one);
     * nothing is applied when it throws.
     *
     * @throws StaleRevisionException when another writer has changed the store since
     */
    long apply(long expectedRevision, Batch batch, Authenticator authenticator);

    /**
     * Applies a batch on top of whatever other writers changed since {@code expectedRevision}, in
     * one step (last writer wins, in the store's commit order): {@code sealing} is handed the
     * revision the batch lands at and those other changes, and seals the batch for it, or refuses
     * (a {@link dev.omnivault.domain.RevisionConflictException}, say), and then nothing is applied.
     * Returns the new revision with the other changes; empty when this store cannot (its writers
     * then catch up and retry). A store that several daemons share offers it, so that busy writers
     * queue rather than race.
     */
    default Optional<Applied> applyOnTop(long expectedRevision, Sealing sealing, Authenticator authenticator) {
        return Optional.empty();
    }

    /** Seals a batch for the revision it lands at, knowing the others' changes before it. */
    @FunctionalInterface
    interface Sealing {
        Batch at(long revision, Changes others);
    }

    /** A batch applied on top of the others' changes since the writer's revision. */
    record Applied(long revision, Changes others) {}

    /**
     * What changed since {@code revision}: the records put and the ids deleted, and the revision
     * they bring a reader to; empty when this store cannot say (the reader then loads everything).
     * A store that several writers share offers it, so that a daemon catches up on the others'
     * changes without reading the whole vault again.
     */
    default Optional<Changes> changesSince(long revision, Authenticator authenticator) {
        return Optional.empty();
    }

    /**
     * From now until {@link #close()}, calls {@code onChange} (on a thread of the store's own) when
     * another writer may have changed the store: a store that several daemons share offers it, so
     * that each sees the others' changes without writing. It may call when nothing changed (a
     * periodic check, a reconnect); never while a call is still running. The default never calls.
     */
    default void watch(Runnable onChange) {}

    /** Replaces the header (a passphrase change) if it is still {@code expected}; false, and nothing changed, if not. */
    boolean replaceHeader(byte[] expected, byte[] replacement);

    /**
     * The error for stored bytes the seal found damaged: the header, a record ({@code id}) or
     * the legacy vault; a store says where they are kept (a file, a table), never what they hold.
     */
    default VaultStoreException damaged(Part part, byte @Nullable [] id) {
        return new VaultStoreException(VaultStoreException.Kind.CORRUPTED, "the vault's " + part.noun + " is damaged");
    }

    /**
     * The legacy vault's records, when {@link #header()} is the header of one (a Go OmniVault
     * vault this store can migrate); empty for a store that holds no older format.
     */
    default Optional<byte[]> legacyRecords() {
        return Optional.empty();
    }

    /**
     * Replaces the legacy vault whose header is {@code legacyHeader} by a new one, keeping the
     * legacy bytes as backups, and returns its first revision.
     */
    default long migrate(byte[] legacyHeader, byte[] header, List<SealedRecord> records, Authenticator authenticator) {
        throw new UnsupportedOperationException("this store holds no legacy vault");
    }

    /** The backups a migration kept (names a user can find); none for a store that migrates nothing. */
    default List<String> legacyBackups() {
        return List.of();
    }

    /** Removes the backups {@link #legacyBackups} names and returns their names. */
    default List<String> forgetLegacyBackups() {
        return List.of();
    }

    /** Where the vault is kept, as a user would name it (a directory, a database). */
    String location();

    /** Releases what the store holds open (connections, files); a store of plain files holds none. */
    @Override
    default void close() {}

    /** What can be found damaged. */
    enum Part {
        HEADER("header"),
        RECORD("record"),
        /** The records as a whole: they do not add up to the digest kept with them (a row put back, removed or added). */
        DIGEST("records, which do not add up to what its writers kept (a record was put back, removed or added)"),
        /** A team vault's member list: it does not verify under the vault's key (a member added, removed or put back). */
        MEMBERS(
                "member list, which was changed by someone without the vault's key (a member added, removed or put back)"),
        LEGACY_HEADER("legacy header"),
        LEGACY_RECORDS("legacy records");

        private final String noun;

        Part(String noun) {
            this.noun = noun;
        }
    }

    /**
     * The changes between two revisions: what to put and what to delete to go from one to the
     * other, the digest kept with the later one ({@link #NO_DIGEST} from a store that keeps none),
     * and the header read with them ({@link #NO_HEADER} from a store that does not say it).
     */
    record Changes(long revision, List<SealedRecord> puts, List<byte[]> deletes, byte[] digest, byte[] header) {
        public Changes {
            puts = List.copyOf(puts);
            deletes = deletes.stream().map(byte[]::clone).toList();
            digest = digest.clone();
            header = header.clone();
        }

        /** Changes from a store that does not say its header with them. */
        public Changes(long revision, List<SealedRecord> puts, List<byte[]> deletes, byte[] digest) {
            this(revision, puts, deletes, digest, NO_HEADER);
        }

        public Changes(long revision, List<SealedRecord> puts, List<byte[]> deletes) {
            this(revision, puts, deletes, NO_DIGEST);
        }
    }

    /**
     * The records at a revision, the digest kept with it ({@link #NO_DIGEST} from a store that
     * keeps none), and the header read with them ({@link #NO_HEADER} from a store that does not say it).
     */
    record Snapshot(long revision, List<SealedRecord> records, byte[] digest, byte[] header) {
        public Snapshot {
            records = List.copyOf(records);
            digest = digest.clone();
            header = header.clone();
        }

        /** A snapshot from a store that does not say its header with it. */
        public Snapshot(long revision, List<SealedRecord> records, byte[] digest) {
            this(revision, records, digest, NO_HEADER);
        }

        public Snapshot(long revision, List<SealedRecord> records) {
            this(revision, records, NO_DIGEST);
        }
    }

    /**
     * Records to put (replacing any under the same id) and ids to delete, as one change; a
     * {@code bulk} one (an import) a store may write whole rather than as a change of a few; and
     * the vault's digest after it, for a store that {@link #keepsDigest() keeps one} ({@link #NO_DIGEST} if none).
     */
    record Batch(List<SealedRecord> puts, List<byte[]> deletes, boolean bulk, byte[] digest) {
        public Batch {
            puts = List.copyOf(puts);
            deletes = deletes.stream().map(byte[]::clone).toList();
            digest = digest.clone();
        }

        public Batch(List<SealedRecord> puts, List<byte[]> deletes, boolean bulk) {
            this(puts, deletes, bulk, NO_DIGEST);
        }

        public Batch(List<SealedRecord> puts, List<byte[]> deletes) {
            this(puts, deletes, false);
        }

        /** This batch, with the vault's digest after it. */
        public Batch withDigest(byte[] digest) {
            return new Batch(puts, deletes, bulk, digest);
        }

        public static Batch put(SealedRecord record) {
            return new Batch(List.of(record), List.of());
        }

        public static Batch delete(byte[] id) {
            return new Batch(List.of(), List.of(id));
        }

        /** Many records put at once. */
        public static Batch bulk(List<SealedRecord> puts) {
            return new Batch(puts, List.of(), true);
        }

        /** How many records it changes. */
        public int size() {
            return puts.size() + deletes.size();
        }
    }
}
