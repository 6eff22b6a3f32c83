package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omnivault.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnlockThrottleTest {

    private final MutableClock clock = new MutableClock();

    private UnlockThrottle failures(int count) {
        UnlockThrottle throttle = UnlockThrottle.none();
        for (int i = 0; i < count; i++) {
            throttle = throttle.attemptStarted(clock.instant());
        }
        return throttle;
    }

    @Test
    void firstThreeFailures_costNothing() {
        for (int count = 0; count <= 2; count++) {
            assertEquals(Duration.ZERO, failures(count).delay(), count + " failures");
            assertEquals(Optional.empty(), failures(count).waitAt(clock.instant()), count + " failures");
        }
    }

    @Test
    void delay_doublesFromOneSecond_andIsCappedAtThirty() {
        assertEquals(Duration.ofSeconds(1), failures(3).delay());
        assertEquals(Duration.ofSeconds(2), failures(4).delay());
        assertEquals(Duration.ofSeconds(4), failures(5).delay());
        assertEquals(Duration.ofSeconds(8), failures(6).delay());
        assertEquals(Duration.ofSeconds(16), failures(7).delay());
        assertEquals(Duration.ofSeconds(30), failures(8).delay());
        assertEquals(Duration.ofSeconds(30), failures(200).delay());
        assertEquals(Duration.ofSeconds(30), new UnlockThrottle(Integer.MAX_VALUE, clock.instant()).delay());
    }

    @Test
    void waitAt_countsDownFromTheLastAttempt() {
        UnlockThrottle throttle = failures(5);
        assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.waitAt(clock.instant()));
        clock.advance(Duration.ofMillis(3500));
        assertEquals(Optional.of(Duration.ofMillis(500)), throttle.waitAt(clock.instant()));
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.empty(), throttle.waitAt(clock.instant()));
    }

    @Test
    void attemptVoided_takesBackOneCount_andClearsTheInstantWithTheLast() {
        Instant at = clock.instant();
        assertEquals(new UnlockThrottle(4, at), new UnlockThrottle(5, at).attemptVoided());
        assertEquals(UnlockThrottle.none(), new UnlockThrottle(1, at).attemptVoided());
        assertEquals(UnlockThrottle.none(), UnlockThrottle.none().attemptVoided());
    }

    @Test
    void succeeded_releasesTheBrake() {
        assertEquals(UnlockThrottle.none(), failures(10).succeeded());
        assertEquals(Optional.empty(), failures(10).succeeded().waitAt(clock.instant()));
    }

    @Test
    void attemptStarted_countsAndStampsTheInstant() {
        Instant at = clock.instant();
        assertEquals(new UnlockThrottle(1, at), UnlockThrottle.none().attemptStarted(at));
        assertEquals(
                new UnlockThrottle(Integer.MAX_VALUE, at),
                new UnlockThrottle(Integer.MAX_VALUE, at).attemptStarted(at));
    }

    @Test
    void inconsistentState_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UnlockThrottle(-1, null));
        assertThrows(IllegalArgumentException.class, () -> new UnlockThrottle(2, null));
    }
}
