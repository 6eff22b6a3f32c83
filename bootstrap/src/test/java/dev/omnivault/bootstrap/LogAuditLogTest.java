package dev.omnivault.bootstrap;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.SecretPath;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogAuditLogTest {

    private final Logger logger = mock(Logger.class);
    private final LogAuditLog log = new LogAuditLog(logger);

    @Test
    void linesMatchTheGoOriginal_withTheCallerAppended() {
        Caller caller = Caller.of(4242, 1000);
        SecretPath path = SecretPath.of("database/password");

        log.record(new AuditEvent.SecretAccessed(path, caller));
        verify(logger).info("secret accessed path=database/password pid=4242 uid=1000");
        log.record(new AuditEvent.SecretAccessed(path, Caller.unknown()));
        verify(logger).info("secret accessed path=database/password");
        log.record(new AuditEvent.SecretAccessed(path, new Caller(OptionalLong.of(7), OptionalLong.empty())));
        verify(logger).info("secret accessed path=database/password pid=7");
        log.record(new AuditEvent.SecretStored(path, caller));
        verify(logger).info("secret stored path=database/password pid=4242 uid=1000");
        log.record(new AuditEvent.SecretDeleted(path, caller));
        verify(logger).info("secret deleted path=database/password pid=4242 uid=1000");
        log.record(new AuditEvent.VaultUnlocked(caller));
        verify(logger).info("vault unlocked pid=4242 uid=1000");
        log.record(new AuditEvent.VaultInitialised(caller));
        verify(logger).info("vault initialized pid=4242 uid=1000");
        log.record(new AuditEvent.UnlockFailed(caller));
        verify(logger).warn("unlock failed: invalid password pid=4242 uid=1000");
        log.record(new AuditEvent.PassphraseChanged(caller));
        verify(logger).info("password changed pid=4242 uid=1000");
        log.record(new AuditEvent.VaultLocked());
        verify(logger).info("vault locked");
        log.record(new AuditEvent.VaultAutoLocked(AutoLockReason.INACTIVITY));
        verify(logger).info("vault auto-locked due to inactivity");
        log.record(new AuditEvent.VaultAutoLocked(AutoLockReason.MAXIMUM_UNLOCK_TIME));
        verify(logger).info("vault auto-locked at its maximum unlock time");
    }
}
