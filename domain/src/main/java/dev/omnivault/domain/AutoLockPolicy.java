package dev.omnivault.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an unlocked vault locks itself: after {@code idleTimeout} without activity, and at the
 * latest {@code maxUnlock} after it was unlocked. {@link Duration#ZERO} turns either limit off.
 * Instants come from the caller; the policy never reads a clock.
 */
public record AutoLockPolicy(Duration idleTimeout, Duration maxUnlock) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    public AutoLockPolicy {
        if (idleTimeout.isNegative() || maxUnlock.isNegative()) {
            throw new InvalidInputException("auto-lock durations cannot be negative");
        }
    }

    /** 15 minutes idle timeout, no hard maximum: the Go original's behaviour. */
    public static AutoLockPolicy defaults() {
        return new AutoLockPolicy(DEFAULT_IDLE_TIMEOUT, Duration.ZERO);
    }

    /**
     * The activity table of the design: get, set, delete and list (and a passphrase change, an
     * import and an export) reset the idle timer; status, lock and an unlock of an already unlocked vault do not. Unlock and
     * init start the timer through {@link Vault}, not through here.
     */
    public boolean resetsIdleTimer(Activity activity) {
        return switch (activity) {
            case GET_SECRET,
                    PUT_SECRET,
                    DELETE_SECRET,
                    LIST_SECRETS,
                    IMPORT_SECRETS,
                    EXPORT_SECRETS,
                    CHANGE_PASSPHRASE,
                    FORGET_BACKUPS,
                    MANAGE_TEAM -> true;
            case STATUS, LOCK, UNLOCK_WHILE_UNLOCKED -> false;
        };
    }

    /** When the idle timer runs out, given the last activity that reset it; empty when off. */
    public Optional<Instant> idleDeadline(Instant lastActivity) {
        return idleTimeout.isZero() ? Optional.empty() : Optional.of(lastActivity.plus(idleTimeout));
    }

    /** When the hard maximum runs out, given the unlock instant; empty when off. */
    public Optional<Instant> maxUnlockDeadline(Instant unlockedAt) {
        return maxUnlock.isZero() ? Optional.empty() : Optional.of(unlockedAt.plus(maxUnlock));
    }

    /** Why a vault unlocked at {@code unlockedAt}, last active at {@code lastActivity}, is due to lock at {@code now}. */
    public Optional<AutoLockReason> dueReason(Instant unlockedAt, Instant lastActivity, Instant now) {
        if (maxUnlockDeadline(unlockedAt)
                .filter(deadline -> !now.isBefore(deadline))
                .isPresent()) {
            return Optional.of(AutoLockReason.MAXIMUM_UNLOCK_TIME);
        }
        if (idleDeadline(lastActivity)
                .filter(deadline -> !now.isBefore(deadline))
                .isPresent()) {
            return Optional.of(AutoLockReason.INACTIVITY);
        }
        return Optional.empty();
    }

    /** The earlier of the two deadlines, if any: when a scheduler should look again. */
    public Optional<Instant> nextDeadline(Instant unlockedAt, Instant lastActivity) {
        Optional<Instant> idle = idleDeadline(lastActivity);
        Optional<Instant> max = maxUnlockDeadline(unlockedAt);
        if (idle.isEmpty()) {
            return max;
        }
        if (max.isEmpty()) {
            return idle;
        }
        return Optional.of(idle.get().isBefore(max.get()) ? idle.get() : max.get());
    }
}
