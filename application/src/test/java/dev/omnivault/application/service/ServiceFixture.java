package dev.omnivault.application.service;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.ShutdownSignal;
import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.UnlockThrottle;
import dev.omnivault.domain.testing.MutableClock;
import java.util.Optional;

/** The services' collaborators: Mockito at the driven ports, a clock the test moves, real domain objects. */
final class ServiceFixture {

    static final String RIGHT = "correct horse battery";
    static final Caller CALLER = Caller.of(4242, 1000);

    final MutableClock clock = new MutableClock();
    final VaultStore store = mock(VaultStore.class);
    final VaultSession session = mock(VaultSession.class);
    final AuditLog audit = mock(AuditLog.class);
    final ShutdownSignal shutdown = mock(ShutdownSignal.class);
    final FakeUnlockAttempts attempts = new FakeUnlockAttempts();
    final VaultKeeper keeper;
    final PassphraseAttemptGate gate;

    private ServiceFixture(boolean vaultExists, AutoLockPolicy policy) {
        when(store.exists()).thenReturn(vaultExists);
        keeper = new VaultKeeper(store, policy, clock, audit);
        gate = new PassphraseAttemptGate(attempts, clock);
    }

    static ServiceFixture withoutVault() {
        return new ServiceFixture(false, AutoLockPolicy.defaults());
    }

    static ServiceFixture withLockedVault() {
        return withLockedVault(AutoLockPolicy.defaults());
    }

    static ServiceFixture withLockedVault(AutoLockPolicy policy) {
        return new ServiceFixture(true, policy);
    }

    /** Unlocks the vault through the real unlock service, with {@link #session} as the opened session. */
    ServiceFixture unlocked() {
        when(store.open(any())).thenReturn(Optional.of(session));
        try (Passphrase passphrase = passphrase(RIGHT)) {
            unlockService().unlock(new UnlockVaultCommand(passphrase, CALLER));
        }
        return this;
    }

    VaultStatusService statusService() {
        return new VaultStatusService(keeper, store);
    }

    UnlockVaultService unlockService() {
        return new UnlockVaultService(keeper, store, gate, audit);
    }

    static Passphrase passphrase(String text) {
        return Passphrase.adopt(text.toCharArray());
    }

    /** A hand-written stand-in for the throttle store: plain state is clearer here than stubbing. */
    static final class FakeUnlockAttempts implements UnlockAttempts {
        private UnlockThrottle throttle = UnlockThrottle.none();

        @Override
        public UnlockThrottle current() {
            return throttle;
        }

        @Override
        public void update(UnlockThrottle newThrottle) {
            throttle = newThrottle;
        }
    }
}
