package dev.omnivault.application.port.in;

/** Reports the vault's state. Does not reset the auto-lock timer. */
public interface VaultStatusUseCase {

    VaultStatus status();
}
