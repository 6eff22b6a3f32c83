package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static dev.omnivault.application.service.ServiceFixture.RIGHT;
import static dev.omnivault.application.service.ServiceFixture.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.UnlockThrottle;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnlockVaultServiceTest {

    private static UnlockResult unlock(ServiceFixture fixture, String text) {
        try (Passphrase passphrase = passphrase(text)) {
            return fixture.unlockService().unlock(new UnlockVaultCommand(passphrase, CALLER));
        }
    }

    @Test
    void unlock_withRightPassphrase_unlocksAndAudits() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.open(any())).thenReturn(Optional.of(fixture.session));

        assertInstanceOf(UnlockResult.Unlocked.class, unlock(fixture, RIGHT));

        assertTrue(fixture.keeper.isUnlocked());
        verify(fixture.audit).record(new AuditEvent.VaultUnlocked(CALLER));
        assertEquals(UnlockThrottle.none(), fixture.attempts.current());
    }

    @Test
    void unlock_withWrongPassphrase_refusesAndAuditsTheFailure() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.open(any())).thenReturn(Optional.empty());

        assertThrows(WrongPassphraseException.class, () -> unlock(fixture, "wrong password"));

        assertFalse(fixture.keeper.isUnlocked());
        verify(fixture.audit).record(new AuditEvent.UnlockFailed(CALLER));
        verify(fixture.audit, never()).record(new AuditEvent.VaultUnlocked(CALLER));
        assertEquals(1, fixture.attempts.current().consecutiveFailures());
    }

    @Test
    void unlock_whileUnlocked_derivesNoKey_andDoesNotResetTheTimer() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        fixture.clock.advance(Duration.ofMinutes(10));

        assertInstanceOf(UnlockResult.AlreadyUnlocked.class, unlock(fixture, RIGHT));
        verify(fixture.store, times(1)).open(any());

        fixture.clock.advance(Duration.ofMinutes(5));
        assertFalse(fixture.keeper.isUnlocked(), "the timer still ran from the first unlock");
    }

    @Test
    void unlock_withoutVault_isRefusedBeforeAnyKeyDerivation() {
        var fixture = ServiceFixture.withoutVault();
        assertThrows(VaultNotInitialisedException.class, () -> unlock(fixture, RIGHT));
        verify(fixture.store, never()).open(any());
        assertEquals(UnlockThrottle.none(), fixture.attempts.current());
    }

    @Test
    void unlock_afterThreeFailures_isThrottledUntilTheDelayHasPassed() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.open(any())).thenReturn(Optional.empty());
        for (int i = 0; i < 3; i++) {
            assertThrows(WrongPassphraseException.class, () -> unlock(fixture, "wrong password"));
        }

        var throttled = assertThrows(TooManyAttemptsException.class, () -> unlock(fixture, RIGHT));
        assertEquals(Duration.ofSeconds(1), throttled.retryAfter());
        verify(fixture.store, times(3)).open(any());

        fixture.clock.advance(Duration.ofSeconds(1));
        when(fixture.store.open(any())).thenReturn(Optional.of(fixture.session));
        assertInstanceOf(UnlockResult.Unlocked.class, unlock(fixture, RIGHT));
        assertEquals(UnlockThrottle.none(), fixture.attempts.current());
    }

    /** Found by bin/torture's tampering scenario: each damaged-file unlock used to count as a guess. */
    @Test
    void unlock_onDamagedFiles_isNotCountedAsAGuess() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.open(any()))
                .thenThrow(new VaultStoreException(VaultStoreException.Kind.CORRUPTED, "damaged: vault.meta"));
        for (int i = 0; i < 10; i++) {
            assertThrows(VaultStoreException.class, () -> unlock(fixture, RIGHT));
        }
        assertEquals(UnlockThrottle.none(), fixture.attempts.current());

        doReturn(Optional.empty()).when(fixture.store).open(any());
        for (int i = 0; i < 3; i++) {
            assertThrows(WrongPassphraseException.class, () -> unlock(fixture, "wrong password"));
        }
        assertThrows(TooManyAttemptsException.class, () -> unlock(fixture, RIGHT), "real guesses still count");
    }

    @Test
    void unlock_thatLosesARaceToAnotherUnlock_closesItsOwnSession() {
        var fixture = ServiceFixture.withLockedVault();
        VaultSession winner = mock(VaultSession.class);
        when(fixture.store.open(any())).thenAnswer(invocation -> {
            fixture.keeper.installOpened(winner);
            return Optional.of(fixture.session);
        });

        assertInstanceOf(UnlockResult.AlreadyUnlocked.class, unlock(fixture, RIGHT));

        verify(fixture.session).close();
        verify(winner, never()).close();
        assertTrue(fixture.keeper.isUnlocked());
    }
}
