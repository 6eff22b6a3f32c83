package dev.omnivault.domain;

/** The operation needs an unlocked vault and the vault is locked. */
public final class VaultLockedException extends VaultException {
    private static final long serialVersionUID = 1L;

    public VaultLockedException() {
        super("vault is locked");
    }

    /** Locked for a reason the user should know (another member re-keyed the vault), as {@code message} says. */
    public VaultLockedException(String message) {
        super(message);
    }
}
