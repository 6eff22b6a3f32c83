package dev.omnivault.application.service;

import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.Vault;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's one vault and the open session that holds its key, behind one lock. Every entry
 * first applies the auto-lock rule against the clock, so a machine that slept past a deadline
 * finds the vault locked. Key derivation never runs under this lock.
 */
public final class VaultKeeper {

    private final ReentrantLock lock = new ReentrantLock();
    private final InstantSource clock;
    private final AuditLog audit;
    private final Vault vault;
    private @Nullable VaultSession session;

    public VaultKeeper(VaultStore store, AutoLockPolicy policy, InstantSource clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
        this.vault = store.exists() ? Vault.locked(policy) : Vault.notInitialised(policy);
    }

    /** Runs {@code work} on the open session, after recording {@code activity}; refuses while locked. */
    <T> T withSession(Activity activity, Function<VaultSession, T> work) {
        lock.lock();
        try {
            Instant now = expireIfDue();
            vault.recordActivity(activity, now);
            return work.apply(requireSession());
        } finally {
            lock.unlock();
        }
    }

    /** Records {@code activity} if the vault is unlocked; nothing happens otherwise. */
    void touchIfUnlocked(Activity activity) {
        lock.lock();
        try {
            Instant now = expireIfDue();
            if (vault.isUnlocked()) {
                vault.recordActivity(activity, now);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isUnlocked() {
        lock.lock();
        try {
            expireIfDue();
            return vault.isUnlocked();
        } finally {
            lock.unlock();
        }
    }

    void requireExists() {
        lock.lock();
        try {
            vault.requireExists();
        } finally {
            lock.unlock();
        }
    }

    void requireNotInitialised() {
        lock.lock();
        try {
            vault.requireNotInitialised();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the session of a vault just created; closes it and refuses if another init won the race. */
    void installCreated(VaultSession created) {
        lock.lock();
        try {
            try {
                vault.initialised(clock.instant());
            } catch (VaultAlreadyExistsException lostRace) {
                created.close();
                throw lostRace;
            }
            session = created;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the session of a vault just opened; false (and the session closed) if another unlock won. */
    boolean installOpened(VaultSession opened) {
        lock.lock();
        try {
            Instant now = expireIfDue();
            if (vault.isUnlocked()) {
                opened.close();
                return false;
            }
            vault.unlocked(now);
            session = opened;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Locks now, zeroing the key; true if the vault was unlocked. */
    boolean lockNow() {
        lock.lock();
        try {
            boolean wasUnlocked = vault.isUnlocked();
            vault.lock();
            closeSession();
            return wasUnlocked;
        } finally {
            lock.unlock();
        }
    }

    /** Applies the auto-lock rule now and returns the next deadline. */
    Optional<Instant> enforceAutoLock() {
        lock.lock();
        try {
            expireIfDue();
            return vault.nextDeadline();
        } finally {
            lock.unlock();
        }
    }

    VaultStatus status() {
        lock.lock();
        try {
            expireIfDue();
            boolean unlocked = vault.isUnlocked();
            return new VaultStatus(
                    vault.exists(),
                    !unlocked,
                    unlocked ? requireSession().count() : 0,
                    vault.unlockedAt(),
                    vault.idleDeadline(),
                    vault.maxUnlockDeadline());
        } finally {
            lock.unlock();
        }
    }

    private Instant expireIfDue() {
        Instant now = clock.instant();
        vault.lockIfDue(now).ifPresent(reason -> {
            closeSession();
            audit.record(new AuditEvent.VaultAutoLocked(reason));
        });
        return now;
    }

    private VaultSession requireSession() {
        VaultSession open = session;
        if (open == null) {
            throw new IllegalStateException("vault is unlocked but holds no session");
        }
        return open;
    }

    private void closeSession() {
        VaultSession open = session;
        session = null;
        if (open != null) {
            open.close();
        }
    }
}
