package dev.omnivault.application.service;

import dev.omnivault.application.port.in.MoveSecretCommand;
import dev.omnivault.application.port.in.MoveSecretUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Renames or copies a secret in one durable write. The write is conditional on what was read (the
 * source at its revision and, without {@code force}, no destination), so a second daemon on the
 * same store that changes either meanwhile gets a conflict, not a lost update.
 */
public final class MoveSecretService implements MoveSecretUseCase {

    private final VaultKeeper keeper;
    private final AuditLog audit;
    private final InstantSource clock;

    public MoveSecretService(VaultKeeper keeper, AuditLog audit, InstantSource clock) {
        this.keeper = keeper;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public long move(MoveSecretCommand command) {
        long revision = keeper.write(Activity.PUT_SECRET, session -> {
            Optional<Secret> read = session.read(command.from());
            try (Secret source = read.orElseThrow(
                            () -> new SecretNotFoundException("no secret at '" + command.from() + "'"));
                    Secret existing = session.read(command.to()).orElse(null)) {
                if (existing != null && !command.force()) {
                    throw new VaultAlreadyExistsException(
                            "a secret exists at '" + command.to() + "'; --force replaces it");
                }
                OptionalLong toRevision = command.force() ? OptionalLong.empty() : OptionalLong.of(Secret.UNSTORED);
                if (command.copy()) {
                    try (Secret copied = source.copiedTo(command.to(), clock.instant())) {
                        return toRevision.isPresent()
                                ? session.writeIf(copied, Secret.UNSTORED)
                                : session.write(copied);
                    }
                }
                try (Secret moved = source.movedTo(command.to())) {
                    return session.move(moved, command.from(), source.revision(), toRevision);
                }
            }
        });
        if (!command.copy()) {
            audit.record(new AuditEvent.SecretDeleted(command.from(), command.caller()));
        }
        audit.record(new AuditEvent.SecretStored(command.to(), command.caller()));
        return revision;
    }
}
