package dev.omnivault.application.service;

import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.domain.TooManyAttemptsException;
import java.time.InstantSource;

/**
 * Applies the {@link dev.omnivault.domain.UnlockThrottle} rule to every passphrase check (unlock
 * and change of passphrase). An attempt counts as failed from the moment it starts, so parallel
 * guesses each pay the delay; only a success clears the count.
 */
public final class PassphraseAttemptGate {

    private final UnlockAttempts attempts;
    private final InstantSource clock;

    public PassphraseAttemptGate(UnlockAttempts attempts, InstantSource clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    /** Lets an attempt start, or refuses it with the time left to wait. */
    synchronized void begin() {
        var now = clock.instant();
        var throttle = attempts.current();
        var wait = throttle.waitAt(now);
        if (wait.isPresent()) {
            throw new TooManyAttemptsException(wait.get());
        }
        attempts.update(throttle.attemptStarted(now));
    }

    /** The attempt failed for another reason than the passphrase (damaged files): it does not count. */
    synchronized void voided() {
        attempts.update(attempts.current().attemptVoided());
    }

    /** The passphrase was right: clears the count. */
    synchronized void succeeded() {
        attempts.update(attempts.current().succeeded());
    }
}
