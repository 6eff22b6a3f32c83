package dev.omnivault.application.service;

import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.SecretNotFoundException;

/** Deletes one secret; a missing one is reported, as the API's 404 requires. */
public final class DeleteSecretService implements DeleteSecretUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;

    public DeleteSecretService(VaultKeeper keeper, AuditLog audit) {
        this.keeper = keeper;
        this.audit = audit;
    }

    @Override
    public void delete(DeleteSecretCommand command) {
        boolean deleted = keeper.write(Activity.DELETE_SECRET, session -> session.delete(command.path()));
        if (!deleted) {
            throw new SecretNotFoundException();
        }
        audit.record(new AuditEvent.SecretDeleted(command.path(), command.caller()));
    }
}
