package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretSummary;
import java.util.ArrayList;
import java.util.List;

/** Reads every secret under a prefix, in path order. */
public final class ExportSecretsService implements ExportSecretsUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;

    public ExportSecretsService(VaultKeeper keeper, AuditLog audit) {
        this.keeper = keeper;
        this.audit = audit;
    }

    @Override
    public List<Secret> export(ExportSecretsQuery query) {
        List<Secret> secrets = keeper.read(Activity.EXPORT_SECRETS, session -> {
            var read = new ArrayList<Secret>();
            try {
                for (SecretSummary summary : session.list(query.prefix())) {
                    session.read(summary.path()).ifPresent(read::add);
                }
            } catch (RuntimeException failed) {
                read.forEach(Secret::close);
                throw failed;
            }
            return List.copyOf(read);
        });
        audit.record(new AuditEvent.SecretsExported(query.prefix(), secrets.size(), query.caller()));
        return secrets;
    }
}
