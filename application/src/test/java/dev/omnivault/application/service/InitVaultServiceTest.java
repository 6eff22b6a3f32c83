package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static dev.omnivault.application.service.ServiceFixture.RIGHT;
import static dev.omnivault.application.service.ServiceFixture.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitVaultServiceTest {

    private static void init(ServiceFixture fixture, String text) {
        try (Passphrase passphrase = passphrase(text)) {
            new InitVaultService(fixture.keeper, fixture.store, fixture.audit)
                    .initialise(new InitVaultCommand(passphrase, CALLER));
        }
    }

    @Test
    void init_createsTheVault_leavesItUnlocked_andStartsTheTimer() {
        var fixture = ServiceFixture.withoutVault();
        when(fixture.store.create(any())).thenReturn(fixture.session);

        init(fixture, RIGHT);

        var status = fixture.keeper.status();
        assertTrue(status.vaultExists());
        assertFalse(status.locked());
        assertEquals(Optional.of(fixture.clock.instant()), status.unlockedAt());
        assertEquals(Optional.of(fixture.clock.instant().plus(Duration.ofMinutes(15))), status.autoLockAt());
        verify(fixture.audit).record(new AuditEvent.VaultInitialised(CALLER));
    }

    @Test
    void init_whenAVaultExists_isRefusedWithoutTouchingStorage() {
        var fixture = ServiceFixture.withLockedVault();
        assertThrows(VaultAlreadyExistsException.class, () -> init(fixture, RIGHT));
        verify(fixture.store, never()).create(any());
    }

    @Test
    void init_thatLosesARace_closesItsSessionAndReportsTheConflict() {
        var fixture = ServiceFixture.withoutVault();
        VaultSession winner = mock(VaultSession.class);
        when(fixture.store.create(any())).thenAnswer(invocation -> {
            fixture.keeper.installCreated(winner);
            return fixture.session;
        });

        assertThrows(VaultAlreadyExistsException.class, () -> init(fixture, RIGHT));

        verify(fixture.session).close();
        verify(winner, never()).close();
        verify(fixture.audit, never()).record(new AuditEvent.VaultInitialised(CALLER));
    }

    @Test
    void init_withAShortPassphrase_isRefusedBeforeTheUseCase() {
        var fixture = ServiceFixture.withoutVault();
        var refused = assertThrows(InvalidInputException.class, () -> init(fixture, "1234567"));
        assertEquals("password must be at least 8 characters", refused.getMessage());
        verify(fixture.store, never()).create(any());
    }
}
