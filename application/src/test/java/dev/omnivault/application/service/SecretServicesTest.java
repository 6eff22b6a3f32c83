package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SecretServicesTest {

    private static final SecretPath PATH = SecretPath.of("database/password");

    private final ServiceFixture fixture = ServiceFixture.withLockedVault().unlocked();

    private GetSecretService getService() {
        return new GetSecretService(fixture.keeper, fixture.audit);
    }

    private PutSecretService putService() {
        return new PutSecretService(fixture.keeper, fixture.audit, fixture.clock);
    }

    private DeleteSecretService deleteService() {
        return new DeleteSecretService(fixture.keeper, fixture.audit);
    }

    private ListSecretsService listService() {
        return new ListSecretsService(fixture.keeper);
    }

    private Secret stored(Instant createdAt) {
        return Secret.create(PATH, SecretValue.ofText("s3cr3t"), Map.of(), Map.of(), createdAt);
    }

    private static PutSecretCommand put(String value) {
        return new PutSecretCommand(
                PATH,
                SecretValue.ofText(value),
                Map.of("user", SecretValue.ofText("app")),
                Map.of("env", "prod"),
                CALLER);
    }

    @Test
    void get_returnsTheStoredSecret_andAuditsTheCaller() {
        Secret secret = stored(fixture.clock.instant());
        when(fixture.session.read(PATH)).thenReturn(Optional.of(secret));

        assertSame(secret, getService().get(new GetSecretQuery(PATH, CALLER)));
        verify(fixture.audit).record(new AuditEvent.SecretAccessed(PATH, CALLER));
    }

    @Test
    void get_ofAMissingSecret_isNotFound_andNotAudited() {
        when(fixture.session.read(PATH)).thenReturn(Optional.empty());
        assertThrows(SecretNotFoundException.class, () -> getService().get(new GetSecretQuery(PATH, CALLER)));
        verify(fixture.audit, never()).record(new AuditEvent.SecretAccessed(PATH, CALLER));
    }

    @Test
    void everySecretOperation_isRefusedWhileLocked() {
        fixture.keeper.lockNow();
        assertThrows(VaultLockedException.class, () -> getService().get(new GetSecretQuery(PATH, CALLER)));
        assertThrows(VaultLockedException.class, () -> putService().put(put("x")));
        assertThrows(VaultLockedException.class, () -> deleteService().delete(new DeleteSecretCommand(PATH, CALLER)));
        assertThrows(VaultLockedException.class, () -> listService().list(ListSecretsQuery.all()));
        verify(fixture.session, never()).read(any());
        verify(fixture.session, never()).write(any());
    }

    @Test
    void everySecretOperation_withoutVault_saysSo() {
        var empty = ServiceFixture.withoutVault();
        assertThrows(
                VaultNotInitialisedException.class,
                () -> new GetSecretService(empty.keeper, empty.audit).get(new GetSecretQuery(PATH, CALLER)));
        assertThrows(
                VaultNotInitialisedException.class,
                () -> new ListSecretsService(empty.keeper).list(ListSecretsQuery.all()));
    }

    @Test
    void put_ofANewPath_createsWithBothInstantsNow() {
        when(fixture.session.read(PATH)).thenReturn(Optional.empty());
        fixture.clock.advance(Duration.ofMinutes(1));

        assertInstanceOf(PutSecretResult.Created.class, putService().put(put("v1")));

        var written = ArgumentCaptor.forClass(Secret.class);
        verify(fixture.session).write(written.capture());
        assertEquals("v1", written.getValue().value().revealText());
        assertEquals("app", written.getValue().fields().get("user").revealText());
        assertEquals(Map.of("env", "prod"), written.getValue().tags());
        assertEquals(fixture.clock.instant(), written.getValue().createdAt());
        assertEquals(fixture.clock.instant(), written.getValue().updatedAt());
        verify(fixture.audit).record(new AuditEvent.SecretStored(PATH, CALLER));
    }

    @Test
    void put_overAnExistingSecret_keepsCreatedAt_andZeroesTheOldValue() {
        Instant created = fixture.clock.instant();
        Secret previous = stored(created);
        when(fixture.session.read(PATH)).thenReturn(Optional.of(previous));
        fixture.clock.advance(Duration.ofMinutes(5));

        assertInstanceOf(PutSecretResult.Replaced.class, putService().put(put("v2")));

        var written = ArgumentCaptor.forClass(Secret.class);
        verify(fixture.session).write(written.capture());
        assertEquals(created, written.getValue().createdAt());
        assertEquals(fixture.clock.instant(), written.getValue().updatedAt());
        assertEquals("v2", written.getValue().value().revealText());
        assertArrayEquals(new byte[6], previous.value().revealBytes(), "old value zeroed");
    }

    @Test
    void delete_ofAnExistingSecret_auditsIt() {
        when(fixture.session.delete(PATH)).thenReturn(true);
        deleteService().delete(new DeleteSecretCommand(PATH, CALLER));
        verify(fixture.audit).record(new AuditEvent.SecretDeleted(PATH, CALLER));
    }

    @Test
    void delete_ofAMissingSecret_isNotFound() {
        when(fixture.session.delete(PATH)).thenReturn(false);
        assertThrows(
                SecretNotFoundException.class, () -> deleteService().delete(new DeleteSecretCommand(PATH, CALLER)));
        verify(fixture.audit, never()).record(new AuditEvent.SecretDeleted(PATH, CALLER));
    }

    @Test
    void list_passesThePrefix_andReturnsTheSummaries() {
        var summaries = List.of(new SecretSummary(PATH, true, false, List.of(), fixture.clock.instant()));
        when(fixture.session.list("data")).thenReturn(summaries);
        assertEquals(summaries, listService().list(new ListSecretsQuery("data")));
    }

    @Test
    void listQuery_refusesAControlCharacterOrAnOverlongPrefix() {
        assertThrows(InvalidInputException.class, () -> new ListSecretsQuery("a\nb"));
        assertThrows(InvalidInputException.class, () -> new ListSecretsQuery("a".repeat(513)));
        assertEquals("a".repeat(512), new ListSecretsQuery("a".repeat(512)).prefix());
        assertEquals("", ListSecretsQuery.all().prefix());
    }
}
