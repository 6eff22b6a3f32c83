package dev.omnivault.application.service;

import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;

/** Reads one secret and records who read it. */
public final class GetSecretService implements GetSecretUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;

    public GetSecretService(VaultKeeper keeper, AuditLog audit) {
        this.keeper = keeper;
        this.audit = audit;
    }

    @Override
    public Secret get(GetSecretQuery query) {
        Secret secret = keeper.read(
                Activity.GET_SECRET, session -> session.read(query.path()).orElseThrow(SecretNotFoundException::new));
        audit.record(new AuditEvent.SecretAccessed(query.path(), query.caller()));
        return secret;
    }
}
