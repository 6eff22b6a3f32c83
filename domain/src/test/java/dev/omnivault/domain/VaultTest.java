package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.domain.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VaultTest {

    private final MutableClock clock = new MutableClock();
    private final AutoLockPolicy policy = AutoLockPolicy.defaults();

    @Test
    void notInitialised_refusesEverythingButInit() {
        Vault vault = Vault.notInitialised(policy);
        assertInstanceOf(LockState.NotInitialised.class, vault.state());
        assertFalse(vault.exists());
        assertThrows(VaultNotInitialisedException.class, vault::requireUnlocked);
        assertThrows(VaultNotInitialisedException.class, vault::requireExists);
        assertThrows(VaultNotInitialisedException.class, () -> vault.unlocked(clock.instant()));
        assertThrows(
                VaultNotInitialisedException.class, () -> vault.recordActivity(Activity.GET_SECRET, clock.instant()));
        vault.requireNotInitialised();
    }

    /** Another daemon created the vault in a store they share: it now exists, locked; a known vault is left as it is. */
    @Test
    void aVaultFoundOnStorage_existsLocked_andAnUnlockedOneStaysUnlocked() {
        Vault vault = Vault.notInitialised(policy);
        vault.foundOnStorage();
        assertEquals(new LockState.Locked(), vault.state());
        vault.requireExists();
        vault.unlocked(clock.instant());
        vault.foundOnStorage();
        assertEquals(new LockState.Unlocked(clock.instant()), vault.state());
    }

    @Test
    void initialised_unlocksAndRecordsTheInstant() {
        Vault vault = Vault.notInitialised(policy);
        vault.initialised(clock.instant());
        assertEquals(new LockState.Unlocked(clock.instant()), vault.state());
        assertEquals(Optional.of(clock.instant()), vault.unlockedAt());
        assertTrue(vault.exists());
        vault.requireUnlocked();
    }

    @Test
    void initialised_twice_isRefused() {
        Vault vault = Vault.notInitialised(policy);
        vault.initialised(clock.instant());
        assertThrows(VaultAlreadyExistsException.class, () -> vault.initialised(clock.instant()));
        vault.lock();
        assertThrows(VaultAlreadyExistsException.class, () -> vault.initialised(clock.instant()));
        assertThrows(VaultAlreadyExistsException.class, vault::requireNotInitialised);
    }

    @Test
    void locked_refusesOperationsThatNeedTheKey() {
        Vault vault = Vault.locked(policy);
        assertInstanceOf(LockState.Locked.class, vault.state());
        assertTrue(vault.exists());
        vault.requireExists();
        assertThrows(VaultLockedException.class, vault::requireUnlocked);
        assertThrows(VaultLockedException.class, () -> vault.recordActivity(Activity.LIST_SECRETS, clock.instant()));
        assertEquals(Optional.empty(), vault.unlockedAt());
        assertEquals(Optional.empty(), vault.idleDeadline());
        assertEquals(Optional.empty(), vault.maxUnlockDeadline());
        assertEquals(Optional.empty(), vault.nextDeadline());
        assertEquals(Optional.empty(), vault.lockIfDue(clock.instant().plus(Duration.ofDays(1))));
    }

    @Test
    void unlocked_whileUnlocked_isABug() {
        Vault vault = Vault.locked(policy);
        vault.unlocked(clock.instant());
        assertThrows(IllegalStateException.class, () -> vault.unlocked(clock.instant()));
    }

    @Test
    void lock_fromUnlocked_locksAndForgetsTheDeadlines() {
        Vault vault = Vault.locked(policy);
        vault.unlocked(clock.instant());
        vault.lock();
        assertInstanceOf(LockState.Locked.class, vault.state());
        assertEquals(Optional.empty(), vault.idleDeadline());
        assertThrows(VaultLockedException.class, vault::requireUnlocked);
    }

    @Test
    void lock_ofMissingVault_staysNotInitialised() {
        Vault vault = Vault.notInitialised(policy);
        vault.lock();
        assertInstanceOf(LockState.NotInitialised.class, vault.state());
    }

    @Test
    void relockAfterAutoLock_andUnlockAgain_restartsTheTimer() {
        Vault vault = Vault.locked(policy);
        vault.unlocked(clock.instant());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.of(AutoLockReason.INACTIVITY), vault.lockIfDue(clock.instant()));
        assertEquals(Optional.empty(), vault.lockIfDue(clock.instant()), "already locked");

        vault.unlocked(clock.instant());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(15))), vault.nextDeadline());
    }

    @Test
    void isDue_saysWhatLockIfDueWouldDo_withoutDoingIt() {
        Vault vault = Vault.locked(policy);
        assertFalse(vault.isDue(clock.instant().plus(Duration.ofDays(1))), "a locked vault is never due");
        vault.unlocked(clock.instant());
        assertFalse(vault.isDue(clock.instant().plus(Duration.ofMinutes(14))));
        assertTrue(vault.isDue(clock.instant().plus(Duration.ofMinutes(15))));
        assertTrue(vault.isUnlocked(), "asking changed nothing");
    }

    @Test
    void policy_isTheOneGiven() {
        assertSame(policy, Vault.locked(policy).policy());
    }
}
