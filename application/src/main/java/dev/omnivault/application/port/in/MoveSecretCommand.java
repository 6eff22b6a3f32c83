package dev.omnivault.application.port.in;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretPath;

/**
 * Rename the secret at {@code from} to {@code to} ({@code copy}: keep {@code from} too); an
 * existing {@code to} is replaced only with {@code force}.
 */
public record MoveSecretCommand(SecretPath from, SecretPath to, boolean copy, boolean force, Caller caller) {

    public MoveSecretCommand {
        if (from.equals(to)) {
            throw new InvalidInputException("the source and the destination are the same path: " + from);
        }
    }
}
