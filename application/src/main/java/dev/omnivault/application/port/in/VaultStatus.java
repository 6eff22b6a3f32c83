package dev.omnivault.application.port.in;

import java.time.Instant;
import java.util.Optional;

/**
 * The vault's state at one instant. The secret count is known only while unlocked (the paths are
 * encrypted), so it is 0 while locked. The deadlines are present only while unlocked and on.
 */
public record VaultStatus(
        boolean vaultExists,
        boolean locked,
        int secretCount,
        Optional<Instant> unlockedAt,
        Optional<Instant> autoLockAt,
        Optional<Instant> maxUnlockAt) {}
