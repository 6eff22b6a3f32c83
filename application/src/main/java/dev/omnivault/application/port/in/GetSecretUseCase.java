package dev.omnivault.application.port.in;

import dev.omnivault.domain.Secret;

/** Reads one secret. Resets the auto-lock timer. */
public interface GetSecretUseCase {

    /**
     * The secret, which the caller closes when done.
     *
     * @throws dev.omnivault.domain.SecretNotFoundException if no secret has that path
     * @throws dev.omnivault.domain.VaultLockedException while locked
     */
    Secret get(GetSecretQuery query);
}
