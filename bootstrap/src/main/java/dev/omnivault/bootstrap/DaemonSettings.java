package dev.omnivault.bootstrap;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.domain.AutoLockPolicy;
import java.nio.file.Path;

/** What a daemon is started with: where the vault lives, how it auto-locks, and how keys are derived. */
public record DaemonSettings(Path configDirectory, AutoLockPolicy autoLock, Storage storage, Argon2Settings argon2) {

    /** Where secrets are kept. */
    public enum Storage {
        /** The encrypted files in the config directory. */
        FILES,
        /** Memory only: nothing is written (demo and wiring tests). */
        MEMORY
    }

    static DaemonSettings inMemory(AutoLockPolicy autoLock) {
        return new DaemonSettings(Path.of("."), autoLock, Storage.MEMORY, Argon2Settings.INSECURE_FOR_TESTS);
    }
}
