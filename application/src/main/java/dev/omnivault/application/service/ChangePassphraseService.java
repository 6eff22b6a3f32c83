package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.WrongPassphraseException;

/** Re-protects the vault with a new passphrase after checking the current one, throttled like unlock. */
public final class ChangePassphraseService implements ChangePassphraseUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;
    private final PassphraseAttemptGate gate;
    private final AuditLog audit;

    public ChangePassphraseService(VaultKeeper keeper, VaultStore store, PassphraseAttemptGate gate, AuditLog audit) {
        this.keeper = keeper;
        this.store = store;
        this.gate = gate;
        this.audit = audit;
    }

    @Override
    public void changePassphrase(ChangePassphraseCommand command) {
        keeper.requireExists();
        gate.begin();
        boolean changed;
        try {
            changed = command.member().isEmpty()
                    ? store.changePassphrase(command.current(), command.replacement())
                    : store.changePassphrase(command.member().get(), command.current(), command.replacement());
        } catch (RuntimeException | Error notAGuess) {
            // A damaged file, a failed read, or the JVM out of memory in the key derivation: not a
            // guess, so the owner is not throttled for it.
            gate.voided();
            throw notAGuess;
        }
        if (!changed) {
            audit.record(new AuditEvent.UnlockFailed(command.caller(), command.member()));
            throw new WrongPassphraseException();
        }
        gate.succeeded();
        keeper.touchIfUnlocked(Activity.CHANGE_PASSPHRASE);
        audit.record(new AuditEvent.PassphraseChanged(command.caller(), command.member()));
    }
}
