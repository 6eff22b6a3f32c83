package dev.omnivault.application.port.in;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import java.util.Optional;

/**
 * The passphrase offered to unlock the vault, and the member it is offered for (none: the vault's
 * creator, {@link MemberName#OWNER}). The caller closes the passphrase.
 */
public record UnlockVaultCommand(Passphrase passphrase, Optional<MemberName> member, Caller caller) {

    public UnlockVaultCommand(Passphrase passphrase, Caller caller) {
        this(passphrase, Optional.empty(), caller);
    }

    /** The member who unlocks. */
    public MemberName memberOrOwner() {
        return member.orElse(MemberName.OWNER);
    }
}
