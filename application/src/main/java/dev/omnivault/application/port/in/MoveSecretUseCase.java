package dev.omnivault.application.port.in;

/** {@code omnivault mv} and {@code cp}: one request, one durable write. */
public interface MoveSecretUseCase {

    /**
     * Moves or copies the secret; a move keeps its {@code created_at}, a copy is a new secret.
     * Returns the revision the destination is stored at.
     *
     * @throws dev.omnivault.domain.SecretNotFoundException when there is no secret at {@code from}
     * @throws dev.omnivault.domain.VaultAlreadyExistsException (409 ALREADY_EXISTS) when {@code to} is taken and not {@code force}
     * @throws dev.omnivault.domain.RevisionConflictException when another daemon changed either meanwhile
     */
    long move(MoveSecretCommand command);
}
