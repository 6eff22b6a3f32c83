package dev.omnivault.application.port.out;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.SecretPath;

/** Something worth a line in the audit log. Paths and callers only, never values. */
public sealed interface AuditEvent {

    record VaultInitialised(Caller caller) implements AuditEvent {}

    record VaultUnlocked(Caller caller) implements AuditEvent {}

    /** A wrong passphrase, offered for {@code member} (empty: the owner, with no name given). */
    record UnlockFailed(Caller caller, java.util.Optional<MemberName> member) implements AuditEvent {
        public UnlockFailed(Caller caller) {
            this(caller, java.util.Optional.empty());
        }
    }

    record MemberAdded(MemberName member, Caller caller) implements AuditEvent {}

    /** A member was removed, and the vault re-keyed for the others. */
    record MemberRemoved(MemberName member, int resealed, Caller caller) implements AuditEvent {}

    record VaultLocked() implements AuditEvent {}

    record VaultAutoLocked(AutoLockReason reason) implements AuditEvent {}

    /** The passphrase of {@code member} changed (empty: the owner's, with no name given). */
    record PassphraseChanged(Caller caller, java.util.Optional<MemberName> member) implements AuditEvent {
        public PassphraseChanged(Caller caller) {
            this(caller, java.util.Optional.empty());
        }
    }

    record SecretAccessed(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretStored(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretDeleted(SecretPath path, Caller caller) implements AuditEvent {}

    record SecretsImported(int count, Caller caller) implements AuditEvent {}

    /** The files a migration kept of a Go vault were removed. */
    record LegacyBackupsRemoved(java.util.List<String> files) implements AuditEvent {}

    /** Every secret under {@code prefix} was read at once (values included). */
    record SecretsExported(String prefix, int count, Caller caller) implements AuditEvent {}
}
