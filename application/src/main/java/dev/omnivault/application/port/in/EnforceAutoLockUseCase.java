package dev.omnivault.application.port.in;

import java.time.Instant;
import java.util.Optional;

/** Driven by a scheduler: locks the vault if a deadline has passed, and says when to look again. */
public interface EnforceAutoLockUseCase {

    /** The next instant at which the vault may need locking; empty while nothing is pending. */
    Optional<Instant> enforce();
}
