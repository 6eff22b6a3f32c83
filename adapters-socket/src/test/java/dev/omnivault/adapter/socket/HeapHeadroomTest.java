package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.protocol.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A body is taken only when the heap has room for it beside what the bodies being served were
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
    void noBody_isNeverChecked() {
        free = 0;
        try (HeapHeadroom.Reservation none = headroom.reserve()) {
            none.cover(0);
            none.cover(-1); // a length not declared: covered as the body arrives
        }
        assertEquals(0, collections.get());
    }

    @Test
    void aSmallBody_withRoom_isTakenWithoutACollection_andPromisedTheLeastCost() {
        free = MIB;
        try (HeapHeadroom.Reservation small = headroom.reserve()) {
            small.cover(100);
            assertEquals(HeapHeadroom.LEAST_COST, headroom.promised());
        }
        assertEquals(0, collections.get());
        assertEquals(0, headroom.promised());
    }

    @Test
    void aSmallBody_whenTheHeapIsFull_isRefusedClearly() {
        free = 10 * 1024;
        HttpProblem refused =
                assertThrows(HttpProblem.class, () -> headroom.reserve().cover(100));
        assertEquals(413, refused.status());
        assertEquals(
                "the daemon has no room left for a 100-byte request (0.0 MiB of its memory free): the vault holds"
                        + " as much as this daemon can; delete secrets you no longer need (large ones free the most),"
                        + " or start the daemon with a larger OMNIVAULT_DAEMON_HEAP (such as 1g)",
                refused.getMessage());
        assertEquals(1, collections.get());
    }

    @Test
    void manyBodiesUnderAMebibyteAtOnce_areRefusedOnceTogetherTheyFillTheRoom_andTakenWhenOneIsServed() {
        long body = MIB - 1024;
        long cost = body * HeapHeadroom.COST_PER_BODY_BYTE;
        free = 10 * cost + cost / 2; // room for ten at once, not eleven
        var held = new java.util.ArrayList<HeapHeadroom.Reservation>();
        try {
            for (int i = 0; i < 10; i++) {
                HeapHeadroom.Reservation each = headroom.reserve();
                held.add(each);
                each.cover(body);
            }
            HeapHeadroom.Reservation eleventh = headroom.reserve();
            held.add(eleventh);
            HttpProblem refused = assertThrows(HttpProblem.class, () -> eleventh.cover(body));
            assertEquals(413, refused.status());
            assertTrue(
                    refused.getMessage()
                            .startsWith("the daemon has no room left for a 1023 KiB request (4.0 MiB of its memory"
                                    + " free, 79.9 MiB more taken by 10 other requests being served): try again when"
                                    + " they are done; if the vault is full, delete secrets you no longer need"),
                    refused.getMessage());

            held.get(0).close();
            eleventh.cover(body);
            assertEquals(10 * cost, headroom.promised());
        } finally {
            held.forEach(HeapHeadroom.Reservation::close);
        }
        assertEquals(0, headroom.promised());
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
            assertTrue(
                    refused.getMessage()
                            .contains("(8.0 MiB of its memory free, 32.0 MiB more taken by 1 other request being"
                                    + " served): try again when they are done"),
                    refused.getMessage());

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
            HttpProblem refused = assertThrows(HttpProblem.class, () -> growing.cover(8 * MIB));
            // its own promise is not "another request being served"
            assertTrue(refused.getMessage().contains("of its memory free): the vault holds"), refused.getMessage());
            assertEquals(4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE, headroom.promised());
        }
        assertEquals(0, headroom.promised());
    }
}
