package dev.omnivault.application.service;

import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultStore;

/** Creates the vault and leaves it unlocked, its auto-lock timer started. */
public final class InitVaultService implements InitVaultUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;
    private final AuditLog audit;

    public InitVaultService(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        this.keeper = keeper;
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void initialise(InitVaultCommand command) {
        keeper.requireNotInitialised();
        keeper.installCreated(store.create(command.passphrase()));
        audit.record(new AuditEvent.VaultInitialised(command.caller()));
    }
}
