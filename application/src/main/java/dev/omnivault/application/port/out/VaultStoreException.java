package dev.omnivault.application.port.out;

import java.util.Objects;

/**
 * A storage failure: damaged or tampered files, or an I/O error such as a full disk. The message
 * names the file and the problem, never a secret; the previous files are left as they were.
 */
public final class VaultStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, which the edges report with different codes. */
    public enum Kind {
        /** A file was modified, truncated or swapped; it is never overwritten or repaired. */
        CORRUPTED,
        /** Reading or writing failed (disk full, permission, I/O error). */
        IO_FAILURE
    }

    private final Kind kind;

    public VaultStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public VaultStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Never null: the message names the file and the problem. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public Kind kind() {
        return kind;
    }
}
