package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.UnlockAttempts;
import dev.omnivault.domain.UnlockThrottle;

/** Keeps the passphrase-attempt brake in memory: it starts afresh when the daemon restarts. */
public final class InMemoryUnlockAttempts implements UnlockAttempts {

    private volatile UnlockThrottle throttle = UnlockThrottle.none();

    @Override
    public UnlockThrottle current() {
        return throttle;
    }

    @Override
    public void update(UnlockThrottle newThrottle) {
        this.throttle = newThrottle;
    }
}
