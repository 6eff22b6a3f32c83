package dev.omnivault.application.service;

import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Stores a secret; an overwrite keeps the original creation instant. A conditional put ({@code
 * if_rev}) writes only over the revision it names, and is refused otherwise.
 */
public final class PutSecretService implements PutSecretUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;
    private final InstantSource clock;

    public PutSecretService(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        this.keeper = keeper;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public PutSecretResult put(PutSecretCommand command) {
        PutSecretResult result = keeper.write(Activity.PUT_SECRET, session -> {
            var now = clock.instant();
            Optional<Secret> existing = session.read(command.path());
            // The old secret's values are not needed past this point: zero them as soon as we are done.
            try (Secret previous = existing.orElse(null)) {
                Secret next = previous == null
                        ? Secret.create(command.path(), command.value(), command.fields(), command.tags(), now)
                        : previous.overwrite(command.value(), command.fields(), command.tags(), now);
                long revision;
                if (command.ifRevision().isPresent()) {
                    revision = session.writeIf(next, command.ifRevision().getAsLong()); // checked where it lands
                } else {
                    revision = session.write(next);
                }
                return previous == null
                        ? new PutSecretResult.Created(revision)
                        : new PutSecretResult.Replaced(revision);
            }
        });
        audit.record(new AuditEvent.SecretStored(command.path(), command.caller()));
        return result;
    }
}
