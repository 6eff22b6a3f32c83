package dev.omnivault.application.port.out;

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
