package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretValue;

/** {@code omnivault generate}: a password from the daemon's {@code SecureRandom}. */
public interface GeneratePasswordUseCase {

    /**
     * A generated password (empty when it was stored and not asked for back), and the revision it
     * was stored at (0 when it was not stored).
     */
    record Generated(SecretValue value, long revision) implements AutoCloseable {
        @Override
        public void close() {
            value.close();
        }
    }

    /**
     * Generates, and stores when the command names a path; the caller closes the result.
     *
     * @throws dev.omnivault.domain.VaultAlreadyExistsException (409) when the path is taken and not {@code force}
     * @throws dev.omnivault.domain.VaultLockedException when a path is given and the vault is locked
     */
    Generated generate(GeneratePasswordCommand command);
}
