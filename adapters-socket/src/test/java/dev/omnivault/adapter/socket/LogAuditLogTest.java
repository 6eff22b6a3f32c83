package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.SecretPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogAuditLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LogAuditLog log = new LogAuditLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String logged(AuditEvent event) {
        bytes.reset();
        log.record(event);
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void linesMatchTheGoOriginal_withTheCallerAppended() {
        Caller caller = Caller.of(4242, 1000);
        SecretPath path = SecretPath.of("database/password");
        assertEquals(
                "INFO secret accessed path=database/password pid=4242 uid=1000",
                logged(new AuditEvent.SecretAccessed(path, caller)));
        assertEquals(
                "INFO secret accessed path=database/password",
                logged(new AuditEvent.SecretAccessed(path, Caller.unknown())));
        assertEquals(
                "INFO secret accessed path=database/password pid=7",
                logged(new AuditEvent.SecretAccessed(path, new Caller(OptionalLong.of(7), OptionalLong.empty()))));
        assertEquals(
                "INFO secret stored path=database/password pid=4242 uid=1000",
                logged(new AuditEvent.SecretStored(path, caller)));
        assertEquals(
                "INFO secret deleted path=database/password pid=4242 uid=1000",
                logged(new AuditEvent.SecretDeleted(path, caller)));
        assertEquals("INFO vault unlocked pid=4242 uid=1000", logged(new AuditEvent.VaultUnlocked(caller)));
        assertEquals("INFO vault initialized pid=4242 uid=1000", logged(new AuditEvent.VaultInitialised(caller)));
        assertEquals(
                "WARN unlock failed: invalid password pid=4242 uid=1000", logged(new AuditEvent.UnlockFailed(caller)));
        assertEquals("INFO password changed pid=4242 uid=1000", logged(new AuditEvent.PassphraseChanged(caller)));
        assertEquals("INFO vault locked", logged(new AuditEvent.VaultLocked()));
        assertEquals(
                "INFO vault auto-locked due to inactivity",
                logged(new AuditEvent.VaultAutoLocked(AutoLockReason.INACTIVITY)));
        assertEquals(
                "INFO vault auto-locked at its maximum unlock time",
                logged(new AuditEvent.VaultAutoLocked(AutoLockReason.MAXIMUM_UNLOCK_TIME)));
    }
}
