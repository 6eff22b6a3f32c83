package dev.omnivault.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The brute-force brake on passphrase attempts. The first {@value #FREE_ATTEMPTS} failures in a
 * row cost nothing; after that each attempt must wait a delay that doubles from one second up to
 * {@link #MAX_DELAY}. A success clears it. Immutable; instants come from the caller.
 */
public record UnlockThrottle(
        int consecutiveFailures, @Nullable Instant lastAttemptAt) {

    public static final int FREE_ATTEMPTS = 3;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    public UnlockThrottle {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures is negative");
        }
        if (consecutiveFailures > 0 && lastAttemptAt == null) {
            throw new IllegalArgumentException("failures without an instant");
        }
    }

    public static UnlockThrottle none() {
        return new UnlockThrottle(0, null);
    }

    /** The delay imposed after the current run of failures. */
    public Duration delay() {
        int over = consecutiveFailures - FREE_ATTEMPTS;
        if (over < 0) {
            return Duration.ZERO;
        }
        // 2^over seconds, capped; the shift is bounded so it cannot overflow.
        long factor = Math.min(1L << Math.min(over, 20), MAX_DELAY.dividedBy(FIRST_DELAY));
        return FIRST_DELAY.multipliedBy(factor);
    }

    /** How long a caller must still wait at {@code now} before its next attempt; empty if it may try. */
    public Optional<Duration> waitAt(Instant now) {
        if (lastAttemptAt == null) {
            return Optional.empty();
        }
        Instant allowedAt = lastAttemptAt.plus(delay());
        return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    /**
     * An attempt starts at {@code now}. It is counted as a failure until it succeeds, so that
     * attempts running in parallel each pay for themselves.
     */
    public UnlockThrottle attemptStarted(Instant now) {
        return new UnlockThrottle(
                consecutiveFailures == Integer.MAX_VALUE ? consecutiveFailures : consecutiveFailures + 1, now);
    }

    /**
     * An attempt ended without judging the passphrase (the vault's files are damaged, a disk
     * failed): it stops counting, so an owner is not locked out by damage that is not a guess.
     */
    public UnlockThrottle attemptVoided() {
        int failures = Math.max(0, consecutiveFailures - 1);
        return new UnlockThrottle(failures, failures == 0 ? null : lastAttemptAt);
    }

    /** The right passphrase was given: the brake is released. */
    public UnlockThrottle succeeded() {
        return none();
    }
}
