package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One collection per quiet spell, only once it has lasted {@link IdleCollector#QUIET}, never while
 * a request is served, and only when the heap grew by {@link IdleCollector#GROWTH} since the last.
 */
class IdleCollectorTest {

    private static final long QUIET = IdleCollector.QUIET.toNanos();
    private static final long MIB = 1024 * 1024;

    private long now = 1_000_000_000L;
    private OptionalLong idleSince = OptionalLong.of(now);
    private long heap = 20 * MIB;
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleCollector collector = new IdleCollector(() -> idleSince, () -> now, () -> heap, () -> {
        collections.incrementAndGet();
        heap = 8 * MIB; // what is live
    });

    /** A request is served and ends now, having allocated {@code bytes}. */
    private void request(long bytes) {
        idleSince = OptionalLong.empty();
        collector.run();
        heap += bytes;
        idleSince = OptionalLong.of(now);
    }

    @Test
    void aQuietSpell_isCollectedOnce_whenItHasLastedLongEnough() {
        now += QUIET - 1;
        collector.run();
        assertEquals(0, collections.get(), "not before the quiet time");
        now += 1;
        collector.run();
        assertEquals(1, collections.get(), "at the quiet time");
        heap += 100 * MIB;
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
    void aNewQuietSpell_isCollectedAgain_afterItsOwnQuietTime_whenTheHeapGrew() {
        now += QUIET;
        collector.run();
        assertEquals(1, collections.get());

        request(IdleCollector.GROWTH);
        now += QUIET / 2;
        collector.run();
        assertEquals(1, collections.get(), "the new spell is not quiet long enough yet");
        now += QUIET / 2;
        collector.run();
        assertEquals(2, collections.get(), "the new spell is collected");
    }

    @Test
    void aSpellAfterRequestsThatLeftLittle_isNotCollected_untilTheHeapHasGrownEnough() {
        now += QUIET;
        collector.run();
        assertEquals(1, collections.get());

        request(IdleCollector.GROWTH - 1);
        now += QUIET;
        collector.run();
        assertEquals(1, collections.get(), "a request that left under 4 MiB is not worth a collection");
        request(1); // the heap has now grown by 4 MiB since the last collection, over two spells
        now += QUIET;
        collector.run();
        assertEquals(2, collections.get());
    }
}
