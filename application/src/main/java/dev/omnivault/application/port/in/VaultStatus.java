package dev.omnivault.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The vault's state at one instant. The secret count is known only while unlocked (the paths are
 * encrypted), so it is 0 while locked. The deadlines are present only while unlocked and on.
 * {@code legacyBackups} names the files of a migrated Go vault still kept beside it.
 */
public record VaultStatus(
        boolean vaultExists,
        boolean locked,
        int secretCount,
        Optional<Instant> unlockedAt,
        Optional<Instant> autoLockAt,
        Optional<Instant> maxUnlockAt,
        List<String> legacyBackups) {

    public VaultStatus {
        legacyBackups = List.copyOf(legacyBackups);
    }

    /** A status with no legacy backups. */
    public VaultStatus(
            boolean vaultExists,
            boolean locked,
            int secretCount,
            Optional<Instant> unlockedAt,
            Optional<Instant> autoLockAt,
            Optional<Instant> maxUnlockAt) {
        this(vaultExists, locked, secretCount, unlockedAt, autoLockAt, maxUnlockAt, List.of());
    }

    public VaultStatus withLegacyBackups(List<String> backups) {
        return new VaultStatus(vaultExists, locked, secretCount, unlockedAt, autoLockAt, maxUnlockAt, backups);
    }
}
