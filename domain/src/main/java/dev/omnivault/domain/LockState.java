package dev.omnivault.domain;

import java.time.Instant;

/** Whether a vault exists, and whether its key is held. */
public sealed interface LockState {

    /** No vault has been created yet. */
    record NotInitialised() implements LockState {}

    /** A vault exists; its key is not in memory. */
    record Locked() implements LockState {}

    /** The vault's key is in memory since {@code since}. */
    record Unlocked(Instant since) implements LockState {}
}
