package dev.omnivault.domain;

/** There is no vault yet: it must be initialised first. */
public final class VaultNotInitialisedException extends VaultException {
    private static final long serialVersionUID = 1L;

    public VaultNotInitialisedException() {
        super("vault does not exist, run init first");
    }
}
