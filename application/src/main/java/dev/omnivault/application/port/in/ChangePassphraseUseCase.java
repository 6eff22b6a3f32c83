package dev.omnivault.application.port.in;

/**
 * Replaces the master passphrase. Works whether the vault is locked or not; the secrets are not
 * re-encrypted, only the data key is wrapped again. Throttled like unlock.
 */
public interface ChangePassphraseUseCase {

    /**
     * Re-wraps the vault key under the replacement passphrase.
     *
     * @throws dev.omnivault.domain.WrongPassphraseException if the current passphrase is wrong
     * @throws dev.omnivault.domain.TooManyAttemptsException while failed attempts are throttled
     */
    void changePassphrase(ChangePassphraseCommand command);
}
