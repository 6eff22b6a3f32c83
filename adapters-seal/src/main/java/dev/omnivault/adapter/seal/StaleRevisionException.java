package dev.omnivault.adapter.seal;

/** A batch refused because another writer changed the store after the revision it was based on. */
public final class StaleRevisionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StaleRevisionException(long expected, long actual) {
        super(
                "the vault is at revision " + actual + ", not " + expected + ": another writer changed it",
                null,
                false,
                false);
    }
}
