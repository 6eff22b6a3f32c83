package dev.omnivault.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The vault's lifecycle: not initialised, locked or unlocked, with the legal transitions between
 * them and the auto-lock bookkeeping. It holds no key: whoever holds the key locks it when this
 * object says so. Not thread-safe; the application guards it.
 */
public final class Vault {

    private final AutoLockPolicy policy;
    private LockState state;
    private @Nullable Instant lastActivity;

    private Vault(AutoLockPolicy policy, LockState state) {
        this.policy = policy;
        this.state = state;
    }

    /** A vault that does not exist yet. */
    public static Vault notInitialised(AutoLockPolicy policy) {
        return new Vault(policy, new LockState.NotInitialised());
    }

    /** A vault that exists on storage and is locked, as every vault is when a daemon starts. */
    public static Vault locked(AutoLockPolicy policy) {
        return new Vault(policy, new LockState.Locked());
    }

    public LockState state() {
        return state;
    }

    public AutoLockPolicy policy() {
        return policy;
    }

    public boolean exists() {
        return !(state instanceof LockState.NotInitialised);
    }

    public boolean isUnlocked() {
        return state instanceof LockState.Unlocked;
    }

    /** Refuses unless the vault is unlocked. */
    public void requireUnlocked() {
        switch (state) {
            case LockState.NotInitialised n -> throw new VaultNotInitialisedException();
            case LockState.Locked l -> throw new VaultLockedException();
            case LockState.Unlocked u -> {}
        }
    }

    /** Refuses unless a vault exists (locked or not). */
    public void requireExists() {
        if (!exists()) {
            throw new VaultNotInitialisedException();
        }
    }

    /** Refuses unless no vault exists yet. */
    public void requireNotInitialised() {
        if (exists()) {
            throw new VaultAlreadyExistsException();
        }
    }

    /**
     * A vault this daemon did not create is found on storage (another daemon created it in a
     * store they share): one that did not exist now exists, locked; otherwise nothing changes.
     */
    public void foundOnStorage() {
        if (state instanceof LockState.NotInitialised) {
            state = new LockState.Locked();
        }
    }

    /** The vault was just created with a passphrase: it is unlocked and its timer starts now. */
    public void initialised(Instant now) {
        requireNotInitialised();
        startUnlock(now);
    }

    /** The right passphrase opened a locked vault: it is unlocked and its timer starts now. */
    public void unlocked(Instant now) {
        switch (state) {
            case LockState.NotInitialised n -> throw new VaultNotInitialisedException();
            case LockState.Unlocked u -> throw new IllegalStateException("vault is already unlocked");
            case LockState.Locked l -> startUnlock(now);
        }
    }

    /** Locks an unlocked vault; a locked or missing vault stays as it is. */
    public void lock() {
        if (state instanceof LockState.Unlocked) {
            state = new LockState.Locked();
            lastActivity = null;
        }
    }

    /**
     * Records that a client did {@code activity} at {@code now} on the unlocked vault, resetting
     * the idle timer when the policy's table says so. Refuses while locked.
     */
    public void recordActivity(Activity activity, Instant now) {
        requireUnlocked();
        if (policy.resetsIdleTimer(activity)) {
            lastActivity = now;
        }
    }

    /** Whether a deadline has passed at {@code now}, so that {@link #lockIfDue} would lock. */
    public boolean isDue(Instant now) {
        return state instanceof LockState.Unlocked unlocked
                && lastActivity != null
                && policy.dueReason(unlocked.since(), lastActivity, now).isPresent();
    }

    /** Locks the vault if a deadline has passed at {@code now}, and says why; empty if it stays as it is. */
    public Optional<AutoLockReason> lockIfDue(Instant now) {
        if (!(state instanceof LockState.Unlocked unlocked) || lastActivity == null) {
            return Optional.empty();
        }
        Optional<AutoLockReason> reason = policy.dueReason(unlocked.since(), lastActivity, now);
        reason.ifPresent(due -> lock());
        return reason;
    }

    /** When the idle timer will lock the vault, if it is unlocked and the timer is on. */
    public Optional<Instant> idleDeadline() {
        return state instanceof LockState.Unlocked && lastActivity != null
                ? policy.idleDeadline(lastActivity)
                : Optional.empty();
    }

    /** When the hard maximum will lock the vault, if it is unlocked and the maximum is on. */
    public Optional<Instant> maxUnlockDeadline() {
        return state instanceof LockState.Unlocked unlocked
                ? policy.maxUnlockDeadline(unlocked.since())
                : Optional.empty();
    }

    /** The next instant at which {@link #lockIfDue} may lock the vault. */
    public Optional<Instant> nextDeadline() {
        return state instanceof LockState.Unlocked unlocked && lastActivity != null
                ? policy.nextDeadline(unlocked.since(), lastActivity)
                : Optional.empty();
    }

    /** The instant of the current unlock, if unlocked. */
    public Optional<Instant> unlockedAt() {
        return state instanceof LockState.Unlocked unlocked ? Optional.of(unlocked.since()) : Optional.empty();
    }

    private void startUnlock(Instant now) {
        state = new LockState.Unlocked(now);
        lastActivity = now;
    }
}
