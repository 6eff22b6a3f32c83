package dev.omnivault.application.port.out;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.SecretPath;

/** Something worth a line in the audit log. Paths and callers only, never values. */
public sealed interface AuditEvent {

    record VaultInitialised(Caller caller) implements AuditEvent {}

    record VaultUnlocked(Caller caller) implements AuditEvent {}

    record UnlockFailed(Caller caller) implements AuditEvent {}

    record VaultLocked() implements AuditEvent {}

    record VaultAutoLocked(AutoLockReason reason) implements AuditEvent {}

    record PassphraseChanged(Caller caller) implements AuditEvent {}

    record SecretAccessed(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretStored(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretDeleted(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretsImported(int count, Caller caller) implements AuditEvent {}

    /** The files a migration kept of a Go vault were removed. */
    record LegacyBackupsRemoved(java.util.List<String> files) implements AuditEvent {}

    /** Every secret under {@code prefix} was read at once (values included). */
    record SecretsExported(String prefix, int count, Caller caller) implements AuditEvent {}
}
