package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One collection per quiet spell, only once it has lasted {@link IdleCollector#QUIET}, never while a request is served. */
class IdleCollectorTest {

    private static final long QUIET = IdleCollector.QUIET.toNanos();

    private long now = 1_000_000_000L;
    private OptionalLong idleSince = OptionalLong.of(now);
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleCollector collector = new IdleCollector(() -> idleSince, () -> now, collections::incrementAndGet);

    @Test
    void aQuietSpell_isCollectedOnce_whenItHasLastedLongEnough() {
        now += QUIET - 1;
        collector.run();
        assertEquals(0, collections.get(), "not before the quiet time");
        now += 1;
        collector.run();
        assertEquals(1, collections.get(), "at the quiet time");
        now += 60 * QUIET;
        collector.run();
        collector.run();
        assertEquals(1, collections.get(), "not again while the same spell lasts");
    }

    @Test
    void whileARequestIsServed_nothingIsCollected_howeverLongItTakes() {
        idleSince = OptionalLong.empty();
        now += 100 * QUIET;
        collector.run();
        assertEquals(0, collections.get());
    }

    @Test
    void eachNewQuietSpell_isCollectedAgain_afterItsOwnQuietTime() {
        now += QUIET;
        collector.run();
        assertEquals(1, collections.get());

        idleSince = OptionalLong.empty(); // a request is served
        now += QUIET;
        collector.run();
        idleSince = OptionalLong.of(now); // and ends
        collector.run();
        now += QUIET / 2;
        collector.run();
        assertEquals(1, collections.get(), "the new spell is not quiet long enough yet");
        now += QUIET / 2;
        collector.run();
        assertEquals(2, collections.get(), "the new spell is collected");
    }
}
