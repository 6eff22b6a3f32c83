package dev.omnivault.domain;

/**
 * A write made on condition that a secret was still at a revision it read (PUT's {@code if_rev}):
 * someone else changed the secret since, so nothing was written.
 */
public final class RevisionConflictException extends VaultException {
    private static final long serialVersionUID = 1L;

    /** The write was conditional on {@code expected} (0: on there being no secret). */
    public RevisionConflictException(long expected) {
        super(
                expected == 0
                        ? "the secret was created by someone else meanwhile (it did not exist when asked)"
                        : "the secret was changed by someone else since revision " + expected);
    }

    /** The conflict as another side (the daemon) reported it. */
    public RevisionConflictException(String reported) {
        super(reported);
    }
}
