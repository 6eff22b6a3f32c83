package dev.omnivault.application.port.out;

import dev.omnivault.domain.UnlockThrottle;

/** Keeps the state of the passphrase-attempt brake, so an adapter may make it outlive a restart. */
public interface UnlockAttempts {

    UnlockThrottle current();

    void update(UnlockThrottle throttle);
}
