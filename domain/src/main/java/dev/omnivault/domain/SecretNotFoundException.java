package dev.omnivault.domain;

/** No secret is stored at the requested path. */
public final class SecretNotFoundException extends VaultException {
    private static final long serialVersionUID = 1L;

    public SecretNotFoundException() {
        super("secret not found");
    }

    /** Not found, as {@code message} says which (a reference, a field), or as the daemon reported it. */
    public SecretNotFoundException(String message) {
        super(message);
    }
}
