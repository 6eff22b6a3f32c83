package dev.omnivault.domain;

/** Input that breaks a rule of the model: a bad path, a short passphrase, a bad field name. */
public non-sealed class InvalidInputException extends VaultException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
