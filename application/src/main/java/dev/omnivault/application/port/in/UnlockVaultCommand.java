package dev.omnivault.application.port.in;

import dev.omnivault.domain.Passphrase;

/** The passphrase offered to unlock the vault. The caller closes it. */
public record UnlockVaultCommand(Passphrase passphrase, Caller caller) {}
