package dev.omnivault.domain;

/** The passphrase does not open the vault. */
public final class WrongPassphraseException extends VaultException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException() {
        super("invalid password");
    }
}
