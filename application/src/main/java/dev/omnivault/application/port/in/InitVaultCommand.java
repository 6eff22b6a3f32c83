package dev.omnivault.application.port.in;

import dev.omnivault.domain.Passphrase;

/** The passphrase for a new vault, already checked to be long enough. The caller closes it. */
public record InitVaultCommand(Passphrase passphrase, Caller caller) {

    public InitVaultCommand {
        passphrase.requireStrongEnoughForNewVault("password");
    }
}
