package dev.omnivault.application.port.in;

import dev.omnivault.domain.Passphrase;

/** The current passphrase and its replacement, already checked to be long enough. The caller closes both. */
public record ChangePassphraseCommand(Passphrase current, Passphrase replacement, Caller caller) {

    public ChangePassphraseCommand {
        replacement.requireStrongEnoughForNewVault("new password");
    }
}
