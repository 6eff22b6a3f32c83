package dev.omnivault.application.port.out;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import java.util.List;
import java.util.Optional;

/**
 * Where the encrypted vault lives, and the keys that open it: the seal's {@code SealedVaultStore}
 * derives them and does every piece of cryptography over a store adapter that keeps only
 * ciphertext. A successful open hands back a {@link VaultSession} that holds the keys until it is
 * closed. I/O and crypto failures surface as {@link VaultStoreException}, never as a library's
 * exception.
 */
public interface VaultStore {

    /** Whether a vault has been created. */
    boolean exists();

    /**
     * Creates a new, empty vault protected by {@code passphrase} and returns it open.
     *
     * @throws dev.omnivault.domain.VaultAlreadyExistsException if one exists already
     */
    VaultSession create(Passphrase passphrase);

    /**
     * Opens the vault; empty when the passphrase is wrong.
     *
     * @throws dev.omnivault.domain.VaultNotInitialisedException if there is no vault
     */
    Optional<VaultSession> open(Passphrase passphrase);

    /**
     * Re-protects the vault's key with {@code replacement} in one atomic write; false (and nothing
     * changed) when {@code current} is wrong.
     *
     * @throws dev.omnivault.domain.VaultNotInitialisedException if there is no vault
     */
    boolean changePassphrase(Passphrase current, Passphrase replacement);

    /**
     * Opens the vault as {@code member}; empty when the passphrase is wrong or no member has that
     * name (an unlock does not tell which). A store that keeps no team has one member, the owner.
     */
    default Optional<VaultSession> open(MemberName member, Passphrase passphrase) {
        return member.equals(MemberName.OWNER) ? open(passphrase) : Optional.empty();
    }

    /** {@link #changePassphrase(Passphrase, Passphrase)} for {@code member}'s own passphrase. */
    default boolean changePassphrase(MemberName member, Passphrase current, Passphrase replacement) {
        return member.equals(MemberName.OWNER) && changePassphrase(current, replacement);
    }

    /**
     * What a new member's passphrase protects, prepared outside every lock (the key derivation
     * runs here): an open session of a team vault then adds it ({@link VaultSession#addMember}).
     *
     * @throws dev.omnivault.domain.TeamException ({@code REFUSED}) for a store that keeps no team
     */
    default MemberEnrolment enrol(MemberName name, Passphrase passphrase) {
        throw VaultSession.noTeam();
    }

    /**
     * The files of an older vault that a migration kept beside this one (they open with the
     * password of that time); none for a store that migrates nothing.
     */
    default List<String> legacyBackups() {
        return List.of();
    }

    /** Removes the files {@link #legacyBackups} names and returns their names. */
    default List<String> forgetLegacyBackups() {
        return List.of();
    }

    /** Releases what the store holds open (a database's connections); the daemon calls it once, when it stops. */
    default void close() {}
}
