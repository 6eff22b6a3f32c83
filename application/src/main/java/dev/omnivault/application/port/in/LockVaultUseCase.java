package dev.omnivault.application.port.in;

/** Locks the vault: the key is zeroed. Locking a locked vault is not an error. */
public interface LockVaultUseCase {

    void lock();
}
