package dev.omnivault.application.port.in;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import java.util.Optional;

/**
 * The current passphrase of a member (none: the vault's creator) and its replacement, already
 * checked to be long enough. The caller closes both.
 */
public record ChangePassphraseCommand(
        Passphrase current, Passphrase replacement, Optional<MemberName> member, Caller caller) {

    public ChangePassphraseCommand {
        replacement.requireStrongEnoughForNewVault("new password");
    }

    public ChangePassphraseCommand(Passphrase current, Passphrase replacement, Caller caller) {
        this(current, replacement, Optional.empty(), caller);
    }

    /** The member whose passphrase changes. */
    public MemberName memberOrOwner() {
        return member.orElse(MemberName.OWNER);
    }
}
