package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultLockedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BulkServicesTest {

    private static final SecretPath A = SecretPath.of("app/a");
    private static final SecretPath B = SecretPath.of("app/b");

    private final ServiceFixture fixture = ServiceFixture.withLockedVault().unlocked();

    private ImportSecretsService importService() {
        return new ImportSecretsService(fixture.keeper, fixture.audit, fixture.clock);
    }

    private ExportSecretsService exportService() {
        return new ExportSecretsService(fixture.keeper, fixture.audit);
    }

    private static PutSecretCommand put(SecretPath path, String value) {
        return new PutSecretCommand(path, SecretValue.ofText(value), Map.of(), Map.of("env", "prod"), CALLER);
    }

    private static Secret stored(SecretPath path, String value, Instant created) {
        return Secret.create(path, SecretValue.ofText(value), Map.of(), Map.of(), created);
    }

    @Test
    @SuppressWarnings("unchecked")
    void import_writesEverySecretInOneWrite_keepingCreationInstantsOfReplacedOnes() {
        Instant created = fixture.clock.instant();
        Secret previous = stored(A, "old", created);
        when(fixture.session.read(A)).thenReturn(Optional.of(previous));
        when(fixture.session.read(B)).thenReturn(Optional.empty());
        fixture.clock.advance(Duration.ofMinutes(3));

        ImportResult result =
                importService().importAll(new ImportSecretsCommand(List.of(put(A, "a1"), put(B, "b1")), CALLER));

        assertEquals(new ImportResult(1, 1), result);
        ArgumentCaptor<List<Secret>> written = ArgumentCaptor.forClass(List.class);
        verify(fixture.session).writeAll(written.capture());
        verify(fixture.session, never()).write(any());
        List<Secret> secrets = written.getValue();
        assertEquals(List.of(A, B), secrets.stream().map(Secret::path).toList());
        assertEquals(created, secrets.get(0).createdAt());
        assertEquals(fixture.clock.instant(), secrets.get(0).updatedAt());
        assertEquals("a1", secrets.get(0).value().revealText());
        assertEquals(fixture.clock.instant(), secrets.get(1).createdAt());
        assertEquals(Map.of("env", "prod"), secrets.get(1).tags());
        assertArrayEquals(new byte[3], previous.value().revealBytes(), "the replaced value is zeroed");
        verify(fixture.audit).record(new AuditEvent.SecretsImported(2, CALLER));
    }

    @Test
    void import_thatFailsToWrite_isNotAudited_andSaysWhy() {
        when(fixture.session.read(any())).thenReturn(Optional.empty());
        doThrow(new VaultStoreException(VaultStoreException.Kind.IO_FAILURE, "disk full"))
                .when(fixture.session)
                .writeAll(anyList());

        assertThrows(
                VaultStoreException.class,
                () -> importService().importAll(new ImportSecretsCommand(List.of(put(A, "a")), CALLER)));
        verify(fixture.audit, never()).record(new AuditEvent.SecretsImported(1, CALLER));
    }

    @Test
    void import_ofTheSamePathTwice_isRefusedBeforeAnythingIsRead() {
        assertThrows(
                InvalidInputException.class, () -> new ImportSecretsCommand(List.of(put(A, "1"), put(A, "2")), CALLER));
    }

    @Test
    void importAndExport_areRefusedWhileLocked() {
        fixture.keeper.lockNow();
        assertThrows(
                VaultLockedException.class,
                () -> importService().importAll(new ImportSecretsCommand(List.of(put(A, "a")), CALLER)));
        assertThrows(VaultLockedException.class, () -> exportService().export(new ExportSecretsQuery("", CALLER)));
        verify(fixture.session, never()).writeAll(anyList());
    }

    @Test
    void export_readsEverySecretUnderThePrefix_inPathOrder_andAuditsTheCount() {
        Instant now = fixture.clock.instant();
        Secret a = stored(A, "a", now);
        Secret b = stored(B, "b", now);
        when(fixture.session.list("app/")).thenReturn(List.of(a.summary(), b.summary()));
        when(fixture.session.read(A)).thenReturn(Optional.of(a));
        when(fixture.session.read(B)).thenReturn(Optional.of(b));

        List<Secret> exported = exportService().export(new ExportSecretsQuery("app/", CALLER));

        assertEquals(List.of(A, B), exported.stream().map(Secret::path).toList());
        assertEquals("b", exported.get(1).value().revealText());
        verify(fixture.audit).record(new AuditEvent.SecretsExported("app/", 2, CALLER));
    }

    @Test
    void export_thatFailsHalfway_zeroesWhatItHadRead() {
        Instant now = fixture.clock.instant();
        Secret a = stored(A, "abc", now);
        when(fixture.session.list(""))
                .thenReturn(List.of(a.summary(), stored(B, "b", now).summary()));
        when(fixture.session.read(A)).thenReturn(Optional.of(a));
        when(fixture.session.read(B)).thenThrow(new VaultStoreException(VaultStoreException.Kind.CORRUPTED, "damaged"));

        assertThrows(VaultStoreException.class, () -> exportService().export(new ExportSecretsQuery("", CALLER)));
        assertTrue(java.util.Arrays.equals(new byte[3], a.value().revealBytes()), "read values zeroed");
    }
}
