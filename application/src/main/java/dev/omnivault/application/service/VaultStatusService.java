package dev.omnivault.application.service;

import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;

/** Reports the vault's state without resetting the auto-lock timer. */
public final class VaultStatusService implements VaultStatusUseCase {

    private final VaultKeeper keeper;

    public VaultStatusService(VaultKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public VaultStatus status() {
        return keeper.status();
    }
}
