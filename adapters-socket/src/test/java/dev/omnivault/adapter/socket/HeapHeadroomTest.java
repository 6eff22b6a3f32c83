package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.protocol.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A large body is taken only when the heap has room for it beside what the bodies being served were
 * promised, after one collection if need be; else a clear 413.
 */
class HeapHeadroomTest {

    private static final long MIB = 1024 * 1024;

    private long free;
    private long freedByACollection;
    private final AtomicInteger collections = new AtomicInteger();
    private final HeapHeadroom headroom = new HeapHeadroom(() -> free, () -> {
        collections.incrementAndGet();
        free += freedByACollection;
    });

    @Test
    void aSmallBody_isNeverChecked() {
        free = 0;
        headroom.reserve().cover(HeapHeadroom.CHECKED_FROM - 1);
        assertEquals(0, collections.get());
    }

    @Test
    void aLargeBody_withRoom_isTakenWithoutACollection() {
        free = 4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE;
        headroom.reserve().cover(4 * MIB);
        assertEquals(0, collections.get());
    }

    @Test
    void aLargeBody_whoseRoomAppearsAfterACollection_isTaken() {
        free = 10 * MIB;
        freedByACollection = 40 * MIB;
        headroom.reserve().cover(4 * MIB);
        assertEquals(1, collections.get());
    }

    @Test
    void aLargeBody_withNoRoomEvenAfterACollection_isRefusedClearly() {
        free = 10 * MIB;
        freedByACollection = 1 * MIB;
        HttpProblem refused =
                assertThrows(HttpProblem.class, () -> headroom.reserve().cover(4 * MIB));
        assertEquals(413, refused.status());
        assertEquals(ErrorCode.BODY_TOO_LARGE, refused.code());
        assertTrue(
                refused.getMessage().startsWith("the daemon has no room left for a 4.0 MiB request (11.0 MiB"),
                refused.getMessage());
        assertEquals(1, collections.get());
    }

    @Test
    void twoBodiesAtOnce_whereTheHeapHoldsOne_theSecondIsRefusedUntilTheFirstIsServed() {
        free = 5 * MIB * HeapHeadroom.COST_PER_BODY_BYTE; // room for one 4 MiB body, not two
        try (HeapHeadroom.Reservation first = headroom.reserve();
                HeapHeadroom.Reservation second = headroom.reserve()) {
            first.cover(4 * MIB);
            assertEquals(4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE, headroom.promised());
            HttpProblem refused = assertThrows(HttpProblem.class, () -> second.cover(4 * MIB));
            assertEquals(413, refused.status());
            assertTrue(refused.getMessage().contains("(8.0 MiB of its memory free)"), refused.getMessage());

            first.close();
            assertEquals(0, headroom.promised());
            second.cover(4 * MIB);
            assertEquals(4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE, headroom.promised());
        }
        assertEquals(0, headroom.promised());
    }

    @Test
    void aBodyThatGrows_isPromisedOnlyWhatItGrewBy_andRefusedWhenItOutgrowsTheRoom() {
        free = 6 * MIB * HeapHeadroom.COST_PER_BODY_BYTE;
        try (HeapHeadroom.Reservation growing = headroom.reserve()) {
            growing.cover(2 * MIB);
            growing.cover(4 * MIB);
            growing.cover(3 * MIB); // less than it holds: nothing more
            assertEquals(4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE, headroom.promised());
            assertThrows(HttpProblem.class, () -> growing.cover(8 * MIB));
            assertEquals(4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE, headroom.promised());
        }
        assertEquals(0, headroom.promised());
    }
}
