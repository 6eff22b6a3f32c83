package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Activity;
import java.util.List;

/** Removes a migrated Go vault's backups, with the vault unlocked and no other change under way. */
public final class ForgetLegacyBackupsService implements ForgetLegacyBackupsUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;
    private final AuditLog audit;

    public ForgetLegacyBackupsService(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        this.keeper = keeper;
        this.store = store;
        this.audit = audit;
    }

    @Override
    public List<String> forgetLegacyBackups() {
        List<String> removed = keeper.write(Activity.FORGET_BACKUPS, session -> store.forgetLegacyBackups());
        if (!removed.isEmpty()) {
            audit.record(new AuditEvent.LegacyBackupsRemoved(removed));
        }
        return removed;
    }
}
