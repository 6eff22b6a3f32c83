package dev.omnivault.application.port.in;

/** Opens the vault with its passphrase and keeps the key in memory until it locks. */
public interface UnlockVaultUseCase {

    /**
     * Opens the vault with the command's passphrase.
     *
     * @throws dev.omnivault.domain.WrongPassphraseException if the passphrase does not open it
     * @throws dev.omnivault.domain.TooManyAttemptsException while failed attempts are throttled
     * @throws dev.omnivault.domain.VaultNotInitialisedException if there is no vault
     */
    UnlockResult unlock(UnlockVaultCommand command);
}
