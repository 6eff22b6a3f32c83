package dev.omnivault.domain;

/** A vault exists already, so it cannot be initialised again. */
public final class VaultAlreadyExistsException extends VaultException {
    private static final long serialVersionUID = 1L;

    public VaultAlreadyExistsException() {
        super("vault already exists");
    }

    /** Something else that exists already (a member of a team vault), as the daemon reported it. */
    public VaultAlreadyExistsException(String reported) {
        super(reported);
    }
}
