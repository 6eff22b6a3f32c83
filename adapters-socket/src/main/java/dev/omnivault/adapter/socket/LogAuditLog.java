package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import java.io.PrintStream;

/**
 * Writes the daemon's audit trail as the Go original's log lines ({@code INFO secret accessed
 * path=…}), with the caller's pid and uid when the transport knows them. Paths only, never values.
 */
public final class LogAuditLog implements AuditLog {

    private final PrintStream out;

    public LogAuditLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void record(AuditEvent event) {
        String line = switch (event) {
            case AuditEvent.VaultInitialised e -> "INFO vault initialized" + caller(e.caller());
            case AuditEvent.VaultUnlocked e -> "INFO vault unlocked" + caller(e.caller());
            case AuditEvent.UnlockFailed e -> "WARN unlock failed: invalid password" + caller(e.caller());
            case AuditEvent.VaultLocked e -> "INFO vault locked";
            case AuditEvent.VaultAutoLocked e ->
                switch (e.reason()) {
                    case INACTIVITY -> "INFO vault auto-locked due to inactivity";
                    case MAXIMUM_UNLOCK_TIME -> "INFO vault auto-locked at its maximum unlock time";
                };
            case AuditEvent.PassphraseChanged e -> "INFO password changed" + caller(e.caller());
            case AuditEvent.SecretAccessed e -> "INFO secret accessed path=" + e.path() + caller(e.caller());
            case AuditEvent.SecretStored e -> "INFO secret stored path=" + e.path() + caller(e.caller());
            case AuditEvent.SecretDeleted e -> "INFO secret deleted path=" + e.path() + caller(e.caller());
        };
        out.println(line);
    }

    private static String caller(Caller caller) {
        var text = new StringBuilder();
        caller.pid().ifPresent(pid -> text.append(" pid=").append(pid));
        caller.uid().ifPresent(uid -> text.append(" uid=").append(uid));
        return text.toString();
    }
}
