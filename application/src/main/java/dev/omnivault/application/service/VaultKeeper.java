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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's one vault and the open session that holds its key, behind one monitor. Every entry
 * first applies the auto-lock rule against the clock, so a machine that slept past a deadline
 * finds the vault locked. Key derivation never runs
 * while it is held.
 */
public final class VaultKeeper {

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
    synchronized <T> T withSession(Activity activity, Function<VaultSession, T> work) {
        Instant now = expireIfDue();
        vault.recordActivity(activity, now);
        return work.apply(requireSession());
    }

    /** Records {@code activity} if the vault is unlocked; nothing happens otherwise. */
    synchronized void touchIfUnlocked(Activity activity) {
        Instant now = expireIfDue();
        if (vault.isUnlocked()) {
            vault.recordActivity(activity, now);
        }
    }

    synchronized boolean isUnlocked() {
        expireIfDue();
        return vault.isUnlocked();
    }

    synchronized void requireExists() {
        vault.requireExists();
    }

    synchronized void requireNotInitialised() {
        vault.requireNotInitialised();
    }

    /** Takes the session of a vault just created; closes it and refuses if another init won the race. */
    synchronized void installCreated(VaultSession created) {
        try {
            vault.initialised(clock.instant());
        } catch (VaultAlreadyExistsException lostRace) {
            created.close();
            throw lostRace;
        }
        session = created;
    }

    /** Takes the session of a vault just opened; false (and the session closed) if another unlock won. */
    synchronized boolean installOpened(VaultSession opened) {
        Instant now = expireIfDue();
        if (vault.isUnlocked()) {
            opened.close();
            return false;
        }
        vault.unlocked(now);
        session = opened;
        return true;
    }

    /** Locks now, zeroing the key; true if the vault was unlocked. */
    synchronized boolean lockNow() {
        boolean wasUnlocked = vault.isUnlocked();
        vault.lock();
        closeSession();
        return wasUnlocked;
    }

    /** Applies the auto-lock rule now and returns the next deadline. */
    synchronized Optional<Instant> enforceAutoLock() {
        expireIfDue();
        return vault.nextDeadline();
    }

    synchronized VaultStatus status() {
        expireIfDue();
        boolean unlocked = vault.isUnlocked();
        return new VaultStatus(
                vault.exists(),
                !unlocked,
                unlocked ? requireSession().count() : 0,
                vault.unlockedAt(),
                vault.idleDeadline(),
                vault.maxUnlockDeadline());
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
