package dev.omnivault.domain;

/** There is no vault yet: it must be initialised first. */
public final class VaultNotInitialisedException extends VaultException {
    private static final long serialVersionUID = 1L;

    public VaultNotInitialisedException() {
        super("vault does not exist, run init first");
    }

    /** With the message a client shows its user (the CLI's names the command to run). */
    public VaultNotInitialisedException(String message) {
        super(message);
    }
}
