package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
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
            changed = store.changePassphrase(command.current(), command.replacement());
        } catch (VaultStoreException damagedOrUnreadable) {
            gate.voided(); // not a guess: the owner must not be throttled for a damaged file
            throw damagedOrUnreadable;
        }
        if (!changed) {
            audit.record(new AuditEvent.UnlockFailed(command.caller()));
            throw new WrongPassphraseException();
        }
        gate.succeeded();
        keeper.touchIfUnlocked(Activity.CHANGE_PASSPHRASE);
        audit.record(new AuditEvent.PassphraseChanged(command.caller()));
    }
}
