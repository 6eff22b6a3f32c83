package dev.omnivault.bootstrap;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.SecretPath;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Writes the daemon's audit trail through SLF4J as the Go original's log lines ({@code INFO secret
 * accessed path=…}), with the caller's pid and uid when the transport knows them. Paths only,
 * never values.
 */
final class LogAuditLog implements AuditLog {

    private final Logger log;
    /** The member the vault is unlocked as, for a team vault (empty for one that keeps no team, or while locked). */
    private final Supplier<Optional<MemberName>> member;

    LogAuditLog(Logger log) {
        this(log, Optional::empty);
    }

    LogAuditLog(Logger log, Supplier<Optional<MemberName>> member) {
        this.log = log;
        this.member = member;
    }

    @Override
    public void record(AuditEvent event) {
        String line = switch (event) {
            case AuditEvent.VaultInitialised e -> "vault initialized" + by(e.caller());
            case AuditEvent.VaultUnlocked e -> "vault unlocked" + by(e.caller());
            case AuditEvent.UnlockFailed e ->
                "unlock failed: invalid password"
                        + e.member().map(name -> " member=" + name).orElse("")
                        + caller(e.caller());
            case AuditEvent.MemberAdded e -> "member added name=" + e.member() + by(e.caller());
            case AuditEvent.MemberRemoved e ->
                "member removed name=" + e.member() + " resealed=" + e.resealed() + by(e.caller());
            case AuditEvent.VaultLocked e -> "vault locked";
            case AuditEvent.VaultAutoLocked e ->
                switch (e.reason()) {
                    case INACTIVITY -> "vault auto-locked due to inactivity";
                    case MAXIMUM_UNLOCK_TIME -> "vault auto-locked at its maximum unlock time";
                    case REKEYED -> "vault locked: another member re-keyed it (a member was removed); unlock again";
                };
            case AuditEvent.PassphraseChanged e ->
                "password changed" + e.member().map(name -> " member=" + name).orElse("") + caller(e.caller());
            case AuditEvent.SecretAccessed e -> "secret accessed path=" + logged(e.path()) + by(e.caller());
            case AuditEvent.SecretStored e -> "secret stored path=" + logged(e.path()) + by(e.caller());
            case AuditEvent.SecretDeleted e -> "secret deleted path=" + logged(e.path()) + by(e.caller());
            case AuditEvent.SecretsImported e -> "secrets imported count=" + e.count() + by(e.caller());
            case AuditEvent.SecretsExported e ->
                "secrets exported prefix=" + logged(e.prefix()) + " count=" + e.count() + by(e.caller());
            case AuditEvent.LegacyBackupsRemoved e -> "go vault backups removed files=" + String.join(",", e.files());
        };
        if (event instanceof AuditEvent.UnlockFailed) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    /**
     * A path or prefix as one unambiguous word of the line: as it is when it holds only the
     * characters paths always had, else quoted with {@code "}, {@code \} and any control
     * character escaped, so no path can forge a field or a line.
     */
    static String logged(SecretPath path) {
        return logged(path.value());
    }

    static String logged(String text) {
        boolean plain = text.chars()
                .allMatch(c -> (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "/._@+=-".indexOf(c) >= 0);
        if (plain) {
            return text;
        }
        var quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }

    /** Who did it: the member (of a team vault), then the caller's process and user. */
    private String by(Caller caller) {
        return member.get().map(name -> " member=" + name).orElse("") + caller(caller);
    }

    private static String caller(Caller caller) {
        var text = new StringBuilder();
        caller.pid().ifPresent(pid -> text.append(" pid=").append(pid));
        caller.uid().ifPresent(uid -> text.append(" uid=").append(uid));
        return text.toString();
    }
}
