package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ResolveReferencesQuery;
import dev.omnivault.application.port.in.ResolveReferencesUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretReference;
import dev.omnivault.domain.SecretValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Resolves many references in one read of the session; each secret read is audited once. */
public final class ResolveReferencesService implements ResolveReferencesUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;

    public ResolveReferencesService(VaultKeeper keeper, AuditLog audit) {
        this.keeper = keeper;
        this.audit = audit;
    }

    @Override
    public List<SecretValue> resolve(ResolveReferencesQuery query) {
        var paths = new LinkedHashSet<SecretPath>();
        query.references().forEach(reference -> paths.add(reference.path()));
        List<SecretValue> values = keeper.read(Activity.GET_SECRET, session -> {
            Map<SecretPath, Secret> read = new HashMap<>();
            try {
                for (SecretPath path : paths) {
                    read.put(
                            path,
                            session.read(path)
                                    .orElseThrow(() -> new SecretNotFoundException(
                                            "no secret at '" + path + "' (" + first(query, path) + ")")));
                }
                var resolved = new ArrayList<SecretValue>(query.references().size());
                try {
                    for (SecretReference reference : query.references()) {
                        resolved.add(valueOf(java.util.Objects.requireNonNull(read.get(reference.path())), reference));
                    }
                } catch (RuntimeException missing) {
                    resolved.forEach(SecretValue::close);
                    throw missing;
                }
                return resolved;
            } finally {
                read.values().forEach(Secret::close);
            }
        });
        paths.forEach(path -> audit.record(new AuditEvent.SecretAccessed(path, query.caller())));
        return values;
    }

    private static SecretValue valueOf(Secret secret, SecretReference reference) {
        if (reference.field().isEmpty()) {
            return secret.value().copy();
        }
        SecretValue field = secret.fields().get(reference.field().get());
        if (field == null) {
            throw new SecretNotFoundException("the secret at '" + reference.path() + "' has no field '"
                    + reference.field().get() + "' (" + reference + ")");
        }
        return field.copy();
    }

    private static SecretReference first(ResolveReferencesQuery query, SecretPath path) {
        return query.references().stream()
                .filter(reference -> reference.path().equals(path))
                .findFirst()
                .orElseThrow();
    }
}
