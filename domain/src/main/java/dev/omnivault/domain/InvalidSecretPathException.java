package dev.omnivault.domain;

/** A secret path that breaks the rules of {@link SecretPath}; the message names the rule, not the path. */
public final class InvalidSecretPathException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidSecretPathException(String reason) {
        super("invalid secret path: " + reason);
    }
}
