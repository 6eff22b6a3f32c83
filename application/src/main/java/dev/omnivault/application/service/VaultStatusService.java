package dev.omnivault.application.service;

import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.application.port.out.VaultStore;

/** Reports the vault's state without resetting the auto-lock timer. */
public final class VaultStatusService implements VaultStatusUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;

    public VaultStatusService(VaultKeeper keeper, VaultStore store) {
        this.keeper = keeper;
        this.store = store;
    }

    @Override
    public VaultStatus status() {
        return keeper.status().withLegacyBackups(store.legacyBackups());
    }
}
