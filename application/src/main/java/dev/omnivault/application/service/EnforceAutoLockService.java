package dev.omnivault.application.service;

import dev.omnivault.application.port.in.EnforceAutoLockUseCase;
import java.time.Instant;
import java.util.Optional;

/** Lets a scheduler apply the auto-lock rule between requests. */
public final class EnforceAutoLockService implements EnforceAutoLockUseCase {

    private final VaultKeeper keeper;

    public EnforceAutoLockService(VaultKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public Optional<Instant> enforce() {
        return keeper.enforceAutoLock();
    }
}
