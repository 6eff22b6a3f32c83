package dev.omnivault.application.port.in;

/** How an unlock that did not fail ended. */
public sealed interface UnlockResult {

    /** The passphrase opened the vault; the auto-lock timer started. */
    record Unlocked() implements UnlockResult {}

    /** The vault was unlocked already; nothing changed, the timer was not reset. */
    record AlreadyUnlocked() implements UnlockResult {}
}
