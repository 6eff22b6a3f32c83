package dev.omnivault.adapter.seal;

/** A vault file (or a record of it) that does not parse or does not authenticate; the store reports it as corrupted. */
public final class DamagedFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;

    public DamagedFileException(String detail) {
        this("", detail);
    }

    /** A damage found in {@code file} (a file name such as {@code vault.enc}). */
    public DamagedFileException(String file, String detail) {
        super(detail, null, false, false);
        this.file = file;
    }

    /** The damaged file's name, or empty when the caller knows which file it was reading. */
    public String file() {
        return file;
    }

    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
