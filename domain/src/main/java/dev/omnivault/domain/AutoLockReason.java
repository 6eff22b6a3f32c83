package dev.omnivault.domain;

/** Why the vault locked itself. */
public enum AutoLockReason {
    /** No activity for the idle timeout. */
    INACTIVITY,
    /** Unlocked for the hard maximum, whatever the activity. */
    MAXIMUM_UNLOCK_TIME,
    /** Another member re-keyed the vault (a member was removed): the keys this daemon held open nothing new. */
    REKEYED
}
