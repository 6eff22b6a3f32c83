package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.VaultLockedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The domain's auto-lock rule as the use cases apply it, on a clock the test moves. */
class AutoLockThroughServicesTest {

    private static final SecretPath PATH = SecretPath.of("api/key");

    @Test
    void request_afterTheIdleTimeout_findsTheVaultLocked_andTheKeyZeroed() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        fixture.clock.advance(Duration.ofMinutes(15));

        assertThrows(
                VaultLockedException.class,
                () -> new GetSecretService(fixture.keeper, fixture.audit).get(new GetSecretQuery(PATH, CALLER)));

        verify(fixture.session).close();
        verify(fixture.audit).record(new AuditEvent.VaultAutoLocked(AutoLockReason.INACTIVITY));
    }

    @Test
    void list_resetsTheTimer_butStatusDoesNot() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        when(fixture.session.list("")).thenReturn(List.of());
        var status = fixture.statusService();

        fixture.clock.advance(Duration.ofMinutes(10));
        new ListSecretsService(fixture.keeper).list(ListSecretsQuery.all());
        fixture.clock.advance(Duration.ofMinutes(10));
        assertFalse(status.status().locked(), "20 minutes after unlock, 10 after the list");

        fixture.clock.advance(Duration.ofMinutes(4));
        assertFalse(status.status().locked());
        fixture.clock.advance(Duration.ofMinutes(1));
        assertTrue(status.status().locked(), "status calls did not push the deadline");
    }

    @Test
    void enforce_locksWhenDue_andReportsTheNextDeadlineMeanwhile() {
        var fixture = ServiceFixture.withLockedVault().unlocked();
        var enforce = new EnforceAutoLockService(fixture.keeper);
        Instant unlockedAt = fixture.clock.instant();

        assertEquals(Optional.of(unlockedAt.plus(Duration.ofMinutes(15))), enforce.enforce());
        fixture.clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), enforce.enforce());
        verify(fixture.session).close();
        assertEquals(Optional.empty(), enforce.enforce());
        verify(fixture.audit, times(1)).record(new AuditEvent.VaultAutoLocked(AutoLockReason.INACTIVITY));
    }

    @Test
    void maximumUnlockTime_locksDespiteActivity() {
        var fixture = ServiceFixture.withLockedVault(new AutoLockPolicy(Duration.ofMinutes(15), Duration.ofMinutes(30)))
                .unlocked();
        when(fixture.session.list("")).thenReturn(List.of());
        var list = new ListSecretsService(fixture.keeper);
        for (int i = 0; i < 5; i++) {
            fixture.clock.advance(Duration.ofMinutes(5));
            list.list(ListSecretsQuery.all());
        }
        fixture.clock.advance(Duration.ofMinutes(5));

        assertThrows(VaultLockedException.class, () -> list.list(ListSecretsQuery.all()));
        verify(fixture.audit).record(new AuditEvent.VaultAutoLocked(AutoLockReason.MAXIMUM_UNLOCK_TIME));
    }

    @Test
    void zeroTimeout_neverLocks() {
        var fixture = ServiceFixture.withLockedVault(new AutoLockPolicy(Duration.ZERO, Duration.ZERO))
                .unlocked();
        fixture.clock.advance(Duration.ofDays(30));
        assertFalse(fixture.statusService().status().locked());
        assertEquals(Optional.empty(), new EnforceAutoLockService(fixture.keeper).enforce());
        verify(fixture.session, never()).close();
    }
}
