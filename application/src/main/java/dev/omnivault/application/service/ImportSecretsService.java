package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stores many secrets in one durable write; each overwrite keeps the original creation instant. */
public final class ImportSecretsService implements ImportSecretsUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;
    private final InstantSource clock;

    public ImportSecretsService(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        this.keeper = keeper;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ImportResult importAll(ImportSecretsCommand command) {
        ImportResult result = keeper.write(Activity.IMPORT_SECRETS, session -> {
            var now = clock.instant();
            var next = new ArrayList<Secret>(command.secrets().size());
            int replaced = 0;
            // The new secrets share the command's values, which stay the caller's to close; the old
            // secrets' values are not needed past this point and are zeroed at once.
            for (PutSecretCommand secret : command.secrets()) {
                Optional<Secret> existing = session.read(secret.path());
                try (Secret previous = existing.orElse(null)) {
                    next.add(
                            previous == null
                                    ? Secret.create(secret.path(), secret.value(), secret.fields(), secret.tags(), now)
                                    : previous.overwrite(secret.value(), secret.fields(), secret.tags(), now));
                    replaced += previous == null ? 0 : 1;
                }
            }
            session.writeAll(List.copyOf(next));
            return new ImportResult(next.size() - replaced, replaced);
        });
        audit.record(new AuditEvent.SecretsImported(command.secrets().size(), command.caller()));
        return result;
    }
}
