package dev.omnivault.adapter.seal;

/**
 * One record as a store keeps it: an opaque id (a keyed hash of the secret's path), the sealed
 * bytes (see {@link VaultKeys#seal}), and the revision the store says wrote it ({@link #UNTOLD}
 * from a store that keeps none of its own). A store compares ids by content and never looks
 * inside either; the seal checks that a record says the revision its store says.
 */
public record SealedRecord(byte[] id, byte[] sealed, long storedRevision) {

    /** The {@link #storedRevision} of a record from a store that does not keep one beside it. */
    public static final long UNTOLD = 0;

    public SealedRecord {
        id = id.clone();
        sealed = sealed.clone();
    }

    public SealedRecord(byte[] id, byte[] sealed) {
        this(id, sealed, UNTOLD);
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    /** The id itself, not a copy: for the seal's own reading, which never changes it. */
    byte[] idBytes() {
        return id;
    }

    /** The sealed bytes themselves, not a copy (as {@link #idBytes}). */
    byte[] sealedBytes() {
        return sealed;
    }
}
