package dev.omnivault.application.service;

import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.WrongPassphraseException;
import java.util.Optional;

/** Unlocks the vault, throttling wrong passphrases; an already unlocked vault is left as it is. */
public final class UnlockVaultService implements UnlockVaultUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;
    private final PassphraseAttemptGate gate;
    private final AuditLog audit;

    public UnlockVaultService(VaultKeeper keeper, VaultStore store, PassphraseAttemptGate gate, AuditLog audit) {
        this.keeper = keeper;
        this.store = store;
        this.gate = gate;
        this.audit = audit;
    }

    @Override
    public UnlockResult unlock(UnlockVaultCommand command) {
        if (keeper.isUnlocked()) {
            return new UnlockResult.AlreadyUnlocked();
        }
        keeper.requireExists();
        gate.begin();
        // The key derivation runs here, outside the keeper's lock, so other requests go on meanwhile.
        Optional<VaultSession> opened;
        try {
            opened = command.member().isEmpty()
                    ? store.open(command.passphrase())
                    : store.open(command.member().get(), command.passphrase());
        } catch (RuntimeException | Error notAGuess) {
            // A damaged file, a failed read, or the JVM out of memory in the key derivation: not a
            // guess, so the owner is not throttled for it.
            gate.voided();
            throw notAGuess;
        }
        if (opened.isEmpty()) {
            audit.record(new AuditEvent.UnlockFailed(command.caller(), command.member()));
            throw new WrongPassphraseException();
        }
        gate.succeeded();
        if (!keeper.installOpened(opened.get())) {
            return new UnlockResult.AlreadyUnlocked();
        }
        audit.record(new AuditEvent.VaultUnlocked(command.caller()));
        return new UnlockResult.Unlocked();
    }
}
