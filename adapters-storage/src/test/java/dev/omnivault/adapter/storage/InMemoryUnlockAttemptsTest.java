package dev.omnivault.adapter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.domain.UnlockThrottle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryUnlockAttemptsTest {

    @Test
    void startsReleased_andKeepsWhatItIsGiven() {
        var attempts = new InMemoryUnlockAttempts();
        assertEquals(UnlockThrottle.none(), attempts.current());
        var throttle = new UnlockThrottle(4, Instant.parse("2026-01-01T00:00:00Z"));
        attempts.update(throttle);
        assertEquals(throttle, attempts.current());
    }
}
