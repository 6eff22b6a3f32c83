package dev.omnivault.application.port.in;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;

/** A new member of a team vault and their first passphrase, already checked to be long enough. The caller closes it. */
public record AddMemberCommand(MemberName name, Passphrase passphrase, Caller caller) {

    public AddMemberCommand {
        passphrase.requireStrongEnoughForNewVault("the new member's password");
    }
}
