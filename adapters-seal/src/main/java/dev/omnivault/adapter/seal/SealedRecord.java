package dev.omnivault.adapter.seal;

/**
 * One record as a store keeps it: an opaque id (a keyed hash of the secret's path) and the sealed
 * bytes (nonce ‖ ciphertext ‖ tag). A store compares ids by content and never looks inside either.
 */
public record SealedRecord(byte[] id, byte[] sealed) {

    public SealedRecord {
        id = id.clone();
        sealed = sealed.clone();
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
