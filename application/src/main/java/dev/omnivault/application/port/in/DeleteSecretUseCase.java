package dev.omnivault.application.port.in;

/** Deletes one secret. Resets the auto-lock timer. */
public interface DeleteSecretUseCase {

    /**
     * Deletes the secret at the command's path.
     *
     * @throws dev.omnivault.domain.SecretNotFoundException if no secret has that path
     */
    void delete(DeleteSecretCommand command);
}
