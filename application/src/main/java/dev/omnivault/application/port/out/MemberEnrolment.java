package dev.omnivault.application.port.out;

import dev.omnivault.domain.MemberName;

/**
 * A new member, prepared by the store ({@link VaultStore#enrol}) from their passphrase and ready to
 * be added by a session: it holds no key that opens the vault, only what the member's passphrase
 * protects.
 */
public interface MemberEnrolment {

    MemberName name();
}
