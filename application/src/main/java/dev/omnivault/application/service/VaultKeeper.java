package dev.omnivault.application.service;

import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.AutoLockReason;
import dev.omnivault.domain.Vault;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's one vault and the open session that holds its key. Reads and writes of secrets
 * share the session lock (writers also queue behind one another), and every change of lock state
 * (unlock, lock, auto-lock) takes it exclusively, so a key is never zeroed under a request. The small {@link Vault} state
 * object is guarded by its own monitor. Every entry first applies the auto-lock rule against the
 * clock, so a machine that slept past a deadline finds the vault locked. Key derivation never
 * runs while any of these locks is held.
 */
public final class VaultKeeper {

    /** Shared by every use of the session; exclusive for unlocking, locking and auto-locking. */
    private final ReentrantReadWriteLock sessionLock = new ReentrantReadWriteLock();
    /** Serialises writers, so a read-modify-write (keeping created_at) is atomic among them. */
    private final ReentrantLock writers = new ReentrantLock();

    private final InstantSource clock;
    private final AuditLog audit;
    private final Vault vault;
    private final VaultStore store;
    private volatile @Nullable VaultSession session;

    public VaultKeeper(VaultStore store, AutoLockPolicy policy, InstantSource clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
        this.store = store;
        this.vault = store.exists() ? Vault.locked(policy) : Vault.notInitialised(policy);
    }

    /**
     * A store several daemons share may hold a vault that another daemon created since this one
     * started: while none is known here, the store is asked again.
     */
    private void noticeCreatedElsewhere() {
        synchronized (vault) {
            if (vault.exists()) {
                return;
            }
        }
        if (store.exists()) {
            synchronized (vault) {
                vault.foundOnStorage();
            }
        }
    }

    /** Runs a reading {@code work} on the open session, in parallel with other reads; refuses while locked. */
    <T> T read(Activity activity, Function<VaultSession, T> work) {
        return underReadLock(() -> {
            synchronized (vault) {
                vault.recordActivity(activity, clock.instant());
            }
            return work.apply(requireSession());
        });
    }

    /**
     * Runs a writing {@code work} on the open session: one writer at a time, while reads go on
     * (the session publishes a change only once it is on disk); refuses while locked.
     */
    <T> T write(Activity activity, Function<VaultSession, T> work) {
        writers.lock();
        try {
            return read(activity, work);
        } finally {
            writers.unlock();
        }
    }

    /**
     * Runs a writing {@code work} with no read beside it (a re-keying replaces the session's keys
     * and every record); refuses while locked.
     */
    <T> T writeAlone(Activity activity, Function<VaultSession, T> work) {
        writers.lock();
        try {
            sessionLock.writeLock().lock();
            try {
                expireIfDue();
                synchronized (vault) {
                    vault.recordActivity(activity, clock.instant());
                }
                return work.apply(requireSession());
            } finally {
                sessionLock.writeLock().unlock();
            }
        } finally {
            writers.unlock();
        }
    }

    /** Records {@code activity} if the vault is unlocked; nothing happens otherwise. */
    void touchIfUnlocked(Activity activity) {
        underReadLock(() -> {
            synchronized (vault) {
                if (vault.isUnlocked()) {
                    vault.recordActivity(activity, clock.instant());
                }
            }
            return null;
        });
    }

    boolean isUnlocked() {
        return underReadLock(() -> {
            synchronized (vault) {
                return vault.isUnlocked();
            }
        });
    }

    void requireExists() {
        noticeCreatedElsewhere();
        synchronized (vault) {
            vault.requireExists();
        }
    }

    void requireNotInitialised() {
        noticeCreatedElsewhere();
        synchronized (vault) {
            vault.requireNotInitialised();
        }
    }

    /** Takes the session of a vault just created; closes it and refuses if another init won the race. */
    void installCreated(VaultSession created) {
        sessionLock.writeLock().lock();
        try {
            synchronized (vault) {
                try {
                    vault.initialised(clock.instant());
                } catch (VaultAlreadyExistsException lostRace) {
                    created.close();
                    throw lostRace;
                }
            }
            session = created;
        } finally {
            sessionLock.writeLock().unlock();
        }
    }

    /** Takes the session of a vault just opened; false (and the session closed) if another unlock won. */
    boolean installOpened(VaultSession opened) {
        sessionLock.writeLock().lock();
        try {
            Instant now = expireIfDue();
            synchronized (vault) {
                if (vault.isUnlocked()) {
                    opened.close();
                    return false;
                }
                vault.unlocked(now);
            }
            session = opened;
            return true;
        } finally {
            sessionLock.writeLock().unlock();
        }
    }

    /** Locks now, zeroing the key; true if the vault was unlocked. */
    boolean lockNow() {
        sessionLock.writeLock().lock();
        try {
            boolean wasUnlocked;
            synchronized (vault) {
                wasUnlocked = vault.isUnlocked();
                vault.lock();
            }
            closeSession();
            return wasUnlocked;
        } finally {
            sessionLock.writeLock().unlock();
        }
    }

    /** Applies the auto-lock rule now and returns the next deadline. */
    Optional<Instant> enforceAutoLock() {
        sessionLock.writeLock().lock();
        try {
            expireIfDue();
            synchronized (vault) {
                return vault.nextDeadline();
            }
        } finally {
            sessionLock.writeLock().unlock();
        }
    }

    VaultStatus status() {
        try {
            noticeCreatedElsewhere();
        } catch (VaultStoreException unreachable) {
            // the status says what this daemon knows; the next request that needs the store reports it
        }
        return underReadLock(() -> {
            synchronized (vault) {
                boolean unlocked = vault.isUnlocked();
                return new VaultStatus(
                        vault.exists(),
                        !unlocked,
                        unlocked ? requireSession().count() : 0,
                        vault.unlockedAt(),
                        vault.idleDeadline(),
                        vault.maxUnlockDeadline());
            }
        });
    }

    /**
     * Runs {@code work} under the read lock once the vault is known not to be due for locking. When
     * it is due, the lock is taken exclusively first (a read lock cannot be upgraded), then the
     * work runs on the now-locked vault and reports it so.
     */
    private <T> T underReadLock(Supplier<T> work) {
        while (true) {
            sessionLock.readLock().lock();
            try {
                boolean due;
                synchronized (vault) {
                    due = vault.isDue(clock.instant());
                }
                due |= revoked();
                if (!due) {
                    return work.get();
                }
            } finally {
                sessionLock.readLock().unlock();
            }
            sessionLock.writeLock().lock();
            try {
                expireIfDue();
            } finally {
                sessionLock.writeLock().unlock();
            }
        }
    }

    /** Locks the vault if a deadline has passed. Called with the write lock held. */
    private Instant expireIfDue() {
        Instant now = clock.instant();
        Optional<AutoLockReason> reason;
        synchronized (vault) {
            reason = vault.lockIfDue(now);
        }
        if (reason.isEmpty() && revoked()) {
            synchronized (vault) {
                vault.lock();
            }
            reason = Optional.of(AutoLockReason.REKEYED);
        }
        reason.ifPresent(due -> {
            closeSession();
            audit.record(new AuditEvent.VaultAutoLocked(due));
        });
        return now;
    }

    /** Whether the open session's keys were revoked by a re-keying elsewhere (then the vault locks). */
    private boolean revoked() {
        VaultSession open = session;
        return open != null && open.revoked();
    }

    /** The member the open session was opened as; empty while locked, or for a vault that keeps no team. */
    public Optional<dev.omnivault.domain.MemberName> member() {
        VaultSession open = session;
        return open == null ? Optional.empty() : open.member();
    }

    private VaultSession requireSession() {
        VaultSession open = session;
        if (open == null) {
            throw new IllegalStateException("vault is unlocked but holds no session");
        }
        return open;
    }

    /** Called with the write lock held. */
    private void closeSession() {
        VaultSession open = session;
        session = null;
        if (open != null) {
            open.close();
        }
    }
}
