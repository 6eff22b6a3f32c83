package dev.omnivault.application.service;

import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;

/** Locks the vault and zeroes its key. */
public final class LockVaultService implements LockVaultUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;

    public LockVaultService(VaultKeeper keeper, AuditLog audit) {
        this.keeper = keeper;
        this.audit = audit;
    }

    @Override
    public void lock() {
        if (keeper.lockNow()) {
            audit.record(new AuditEvent.VaultLocked());
        }
    }
}
