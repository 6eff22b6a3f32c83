package dev.omnivault.adapter.seal;

import java.util.List;
import java.util.Optional;

/**
 * Where a sealed vault's bytes are kept, beneath {@link SealedVaultStore}: the vault's header
 * (Argon2id settings, salt, the wrapped data key: opaque here), sealed records under opaque ids,
 * and a revision. A store never sees a key, a path or a value. Every change is one batch, applied
 * whole and durably or not at all, and only at the revision its writer last saw (check-and-set),
 * so a writer never overwrites a change it has not seen. Failures are {@code VaultStoreException}s:
 * {@code CORRUPTED} for stored bytes that do not parse or authenticate, {@code IO_FAILURE} for a
 * medium that cannot be read or written.
 */
public interface RecordStore {

    /** The header, or empty when no vault has been created here. */
    Optional<byte[]> header();

    /**
     * Creates the vault, header and records in one step, at revision 1.
     *
     * @throws dev.omnivault.domain.VaultAlreadyExistsException if there is one
     */
    void create(byte[] header, List<SealedRecord> records, Authenticator authenticator);

    /**
     * Every record and the revision they were read at; a store whose layout carries MACs checks
     * them with {@code authenticator}.
     *
     * @throws dev.omnivault.domain.VaultNotInitialisedException if there is no vault
     */
    Snapshot load(Authenticator authenticator);

    /**
     * Applies {@code batch} if the store is still at {@code expectedRevision}, and returns the new
     * revision; nothing is applied when it throws.
     *
     * @throws StaleRevisionException when another writer has changed the store since
     */
    long apply(long expectedRevision, Batch batch, Authenticator authenticator);

    /** Replaces the header (a passphrase change) if it is still {@code expected}; false, and nothing changed, if not. */
    boolean replaceHeader(byte[] expected, byte[] replacement);

    /** The records at a revision. */
    record Snapshot(long revision, List<SealedRecord> records) {
        public Snapshot {
            records = List.copyOf(records);
        }
    }

    /** Records to put (replacing any under the same id) and ids to delete, as one change. */
    record Batch(List<SealedRecord> puts, List<byte[]> deletes) {
        public Batch {
            puts = List.copyOf(puts);
            deletes = deletes.stream().map(byte[]::clone).toList();
        }

        public static Batch put(SealedRecord record) {
            return new Batch(List.of(record), List.of());
        }

        public static Batch delete(byte[] id) {
            return new Batch(List.of(), List.of(id));
        }
    }
}
