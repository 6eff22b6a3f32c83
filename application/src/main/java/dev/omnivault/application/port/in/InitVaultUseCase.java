package dev.omnivault.application.port.in;

/** Creates the vault with a master passphrase; the vault is unlocked afterwards. */
public interface InitVaultUseCase {

    /**
     * Creates the vault and keeps it unlocked.
     *
     * @throws dev.omnivault.domain.VaultAlreadyExistsException if a vault exists already
     */
    void initialise(InitVaultCommand command);
}
