package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static dev.omnivault.application.service.ServiceFixture.RIGHT;
import static dev.omnivault.application.service.ServiceFixture.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.UnlockThrottle;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifecycleServicesTest {

    private static void change(ServiceFixture fixture, String current, String replacement) {
        try (Passphrase old = passphrase(current);
                Passphrase neu = passphrase(replacement)) {
            new ChangePassphraseService(fixture.keeper, fixture.store, fixture.gate, fixture.audit)
                    .changePassphrase(new ChangePassphraseCommand(old, neu, CALLER));
        }
    }

    @Test
    void lock_zeroesTheKey_andAuditsOnce() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        var lock = new LockVaultService(fixture.keeper, fixture.audit);

        lock.lock();
        lock.lock();

        verify(fixture.session).close();
        verify(fixture.audit).record(new AuditEvent.VaultLocked());
        assertFalse(fixture.keeper.isUnlocked());
    }

    @Test
    void lock_ofALockedVault_auditsNothing() {
        var fixture = ServiceFixture.withLockedVault();
        new LockVaultService(fixture.keeper, fixture.audit).lock();
        verify(fixture.audit, never()).record(new AuditEvent.VaultLocked());
    }

    @Test
    void stop_locksBeforeSignallingShutdown() {
        var fixture = ServiceFixture.withLockedVault().unlocked();

        new StopDaemonService(fixture.keeper, fixture.shutdown, fixture.audit).stop();

        var order = inOrder(fixture.session, fixture.shutdown);
        order.verify(fixture.session).close();
        order.verify(fixture.shutdown).requestShutdown();
        verify(fixture.audit).record(new AuditEvent.VaultLocked());
    }

    @Test
    void stop_whileLocked_stillShutsDown() {
        var fixture = ServiceFixture.withLockedVault();
        new StopDaemonService(fixture.keeper, fixture.shutdown, fixture.audit).stop();
        verify(fixture.shutdown).requestShutdown();
        verify(fixture.audit, never()).record(new AuditEvent.VaultLocked());
    }

    @Test
    void status_whileUnlocked_reportsCountAndDeadlines() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        Instant unlockedAt = fixture.clock.instant();
        when(fixture.session.count()).thenReturn(5);
        fixture.clock.advance(Duration.ofMinutes(3));

        assertEquals(
                new VaultStatus(
                        true,
                        false,
                        5,
                        Optional.of(unlockedAt),
                        Optional.of(unlockedAt.plus(Duration.ofMinutes(15))),
                        Optional.empty()),
                fixture.statusService().status());
    }

    @Test
    void status_whileLockedOrMissing_hidesTheCount() {
        assertEquals(
                new VaultStatus(true, true, 0, Optional.empty(), Optional.empty(), Optional.empty()),
                ServiceFixture.withLockedVault().statusService().status());
        assertEquals(
                new VaultStatus(false, true, 0, Optional.empty(), Optional.empty(), Optional.empty()),
                ServiceFixture.withoutVault().statusService().status());
    }

    @Test
    void changePassphrase_withTheRightOne_rewrapsAndResetsTheTimer() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        when(fixture.store.changePassphrase(any(), any())).thenReturn(true);
        fixture.clock.advance(Duration.ofMinutes(10));

        change(fixture, RIGHT, "a brand new passphrase");

        verify(fixture.audit).record(new AuditEvent.PassphraseChanged(CALLER));
        fixture.clock.advance(Duration.ofMinutes(10));
        assertTrue(fixture.keeper.isUnlocked(), "the change counted as activity");
    }

    @Test
    void changePassphrase_whileLocked_worksAndLeavesItLocked() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.changePassphrase(any(), any())).thenReturn(true);
        change(fixture, RIGHT, "a brand new passphrase");
        assertFalse(fixture.keeper.isUnlocked());
        verify(fixture.audit).record(new AuditEvent.PassphraseChanged(CALLER));
    }

    @Test
    void changePassphrase_withTheWrongOne_isRefused_andThrottledLikeUnlock() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.changePassphrase(any(), any())).thenReturn(false);
        for (int i = 0; i < 3; i++) {
            assertThrows(WrongPassphraseException.class, () -> change(fixture, "wrong one!", "a new passphrase"));
        }
        assertThrows(TooManyAttemptsException.class, () -> change(fixture, RIGHT, "a new passphrase"));
        verify(fixture.audit, never()).record(new AuditEvent.PassphraseChanged(CALLER));
        verify(fixture.audit, times(3)).record(new AuditEvent.UnlockFailed(CALLER));
    }

    @Test
    void changePassphrase_success_releasesTheThrottle() {
        var fixture = ServiceFixture.withLockedVault();
        when(fixture.store.changePassphrase(any(), any())).thenReturn(false, true);
        assertThrows(WrongPassphraseException.class, () -> change(fixture, "wrong one!", "a new passphrase"));
        change(fixture, RIGHT, "a new passphrase");
        assertEquals(UnlockThrottle.none(), fixture.attempts.current());
    }

    @Test
    void changePassphrase_toAShortOne_orWithoutVault_isRefused() {
        assertThrows(InvalidInputException.class, () -> change(ServiceFixture.withLockedVault(), RIGHT, "short"));
        var empty = ServiceFixture.withoutVault();
        assertThrows(VaultNotInitialisedException.class, () -> change(empty, RIGHT, "a new passphrase"));
        verify(empty.store, never()).changePassphrase(any(), any());
    }
}
