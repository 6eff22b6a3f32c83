package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The design's "Activity Reset" table, row by row, driven by a clock the test moves: get, set,
 * delete and list reset the idle timer; status, lock and unlock of an unlocked vault do not; the
 * timer starts on unlock and on init.
 */
class AutoLockPolicyTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock();
    private final AutoLockPolicy policy = new AutoLockPolicy(TIMEOUT, Duration.ZERO);

    private Vault unlockedVault() {
        Vault vault = Vault.locked(policy);
        vault.unlocked(clock.instant());
        return vault;
    }

    @ParameterizedTest
    @EnumSource(
            value = Activity.class,
            names = {"GET_SECRET", "PUT_SECRET", "DELETE_SECRET", "LIST_SECRETS"})
    void resettingActivity_pushesTheDeadlineBack(Activity activity) {
        Vault vault = unlockedVault();
        clock.advance(Duration.ofMinutes(10));
        vault.recordActivity(activity, clock.instant());

        clock.advance(Duration.ofMinutes(14));
        assertEquals(Optional.empty(), vault.lockIfDue(clock.instant()), "14 minutes after " + activity);
        assertTrue(vault.isUnlocked());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of(AutoLockReason.INACTIVITY), vault.lockIfDue(clock.instant()));
        assertInstanceOf(LockState.Locked.class, vault.state());
    }

    @ParameterizedTest
    @EnumSource(
            value = Activity.class,
            names = {"STATUS", "LOCK", "UNLOCK_WHILE_UNLOCKED"})
    void nonResettingActivity_leavesTheDeadlineWhereItWas(Activity activity) {
        Vault vault = unlockedVault();
        clock.advance(Duration.ofMinutes(10));
        vault.recordActivity(activity, clock.instant());

        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.of(AutoLockReason.INACTIVITY), vault.lockIfDue(clock.instant()), activity.name());
    }

    @Test
    void resetsIdleTimer_coversEveryActivityOfTheTable() {
        for (Activity activity : Activity.values()) {
            boolean expected = switch (activity) {
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
            assertEquals(expected, policy.resetsIdleTimer(activity), activity.name());
        }
    }

    @Test
    void timer_startsOnUnlock() {
        clock.advance(Duration.ofHours(3));
        Vault vault = unlockedVault();
        assertEquals(Optional.of(clock.instant().plus(TIMEOUT)), vault.idleDeadline());

        clock.advance(TIMEOUT.minusSeconds(1));
        assertEquals(Optional.empty(), vault.lockIfDue(clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of(AutoLockReason.INACTIVITY), vault.lockIfDue(clock.instant()));
    }

    @Test
    void timer_startsOnInit() {
        Vault vault = Vault.notInitialised(policy);
        clock.advance(Duration.ofMinutes(7));
        vault.initialised(clock.instant());
        assertEquals(Optional.of(clock.instant().plus(TIMEOUT)), vault.idleDeadline());

        clock.advance(TIMEOUT);
        assertEquals(Optional.of(AutoLockReason.INACTIVITY), vault.lockIfDue(clock.instant()));
    }

    @Test
    void zeroIdleTimeout_neverLocks() {
        Vault vault = Vault.locked(new AutoLockPolicy(Duration.ZERO, Duration.ZERO));
        vault.unlocked(clock.instant());

        clock.advance(Duration.ofDays(365));
        assertEquals(Optional.empty(), vault.lockIfDue(clock.instant()));
        assertTrue(vault.isUnlocked());
        assertEquals(Optional.empty(), vault.idleDeadline());
        assertEquals(Optional.empty(), vault.nextDeadline());
    }

    @Test
    void maxUnlock_locksWhateverTheActivity() {
        Vault vault = Vault.locked(new AutoLockPolicy(TIMEOUT, Duration.ofHours(1)));
        Instant unlockedAt = clock.instant();
        vault.unlocked(unlockedAt);
        for (int minute = 10; minute < 60; minute += 10) {
            clock.set(unlockedAt.plus(Duration.ofMinutes(minute)));
            vault.recordActivity(Activity.GET_SECRET, clock.instant());
            assertEquals(Optional.empty(), vault.lockIfDue(clock.instant()));
        }
        assertEquals(Optional.of(unlockedAt.plus(Duration.ofHours(1))), vault.maxUnlockDeadline());

        clock.set(unlockedAt.plus(Duration.ofHours(1)));
        assertEquals(Optional.of(AutoLockReason.MAXIMUM_UNLOCK_TIME), vault.lockIfDue(clock.instant()));
        assertFalse(vault.isUnlocked());
    }

    @Test
    void maxUnlockWinsWhenBothAreDue() {
        var both = new AutoLockPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5));
        Instant start = clock.instant();
        assertEquals(
                Optional.of(AutoLockReason.MAXIMUM_UNLOCK_TIME),
                both.dueReason(start, start, start.plus(Duration.ofMinutes(5))));
    }

    @Test
    void maxUnlockAlone_withIdleTimerOff() {
        var onlyMax = new AutoLockPolicy(Duration.ZERO, Duration.ofMinutes(30));
        Instant start = clock.instant();
        assertEquals(Optional.empty(), onlyMax.idleDeadline(start));
        assertEquals(Optional.of(start.plus(Duration.ofMinutes(30))), onlyMax.nextDeadline(start, start));
        assertEquals(Optional.empty(), onlyMax.dueReason(start, start, start.plus(Duration.ofMinutes(29))));
    }

    @Test
    void nextDeadline_isTheEarlierOfTheTwo() {
        var both = new AutoLockPolicy(Duration.ofMinutes(15), Duration.ofMinutes(60));
        Instant unlockedAt = clock.instant();
        Instant lastActivity = unlockedAt.plus(Duration.ofMinutes(50));
        assertEquals(Optional.of(unlockedAt.plus(Duration.ofMinutes(60))), both.nextDeadline(unlockedAt, lastActivity));
        assertEquals(Optional.of(unlockedAt.plus(Duration.ofMinutes(15))), both.nextDeadline(unlockedAt, unlockedAt));
    }

    @Test
    void nextDeadline_withBothOff_isEmpty() {
        var never = new AutoLockPolicy(Duration.ZERO, Duration.ZERO);
        assertEquals(Optional.empty(), never.nextDeadline(clock.instant(), clock.instant()));
    }

    @Test
    void defaults_areFifteenMinutesAndNoMaximum() {
        assertEquals(new AutoLockPolicy(Duration.ofMinutes(15), Duration.ZERO), AutoLockPolicy.defaults());
    }

    @Test
    void negativeDurations_areRefused() {
        assertThrows(InvalidInputException.class, () -> new AutoLockPolicy(Duration.ofSeconds(-1), Duration.ZERO));
        assertThrows(InvalidInputException.class, () -> new AutoLockPolicy(Duration.ZERO, Duration.ofSeconds(-1)));
    }
}
