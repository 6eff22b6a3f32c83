package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.protocol.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A large body is taken only when the heap has room for it, after one collection if need be; else a clear 413. */
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
        headroom.require(HeapHeadroom.CHECKED_FROM - 1);
        assertEquals(0, collections.get());
    }

    @Test
    void aLargeBody_withRoom_isTakenWithoutACollection() {
        free = 4 * MIB * HeapHeadroom.COST_PER_BODY_BYTE;
        headroom.require(4 * MIB);
        assertEquals(0, collections.get());
    }

    @Test
    void aLargeBody_whoseRoomAppearsAfterACollection_isTaken() {
        free = 10 * MIB;
        freedByACollection = 40 * MIB;
        headroom.require(4 * MIB);
        assertEquals(1, collections.get());
    }

    @Test
    void aLargeBody_withNoRoomEvenAfterACollection_isRefusedClearly() {
        free = 10 * MIB;
        freedByACollection = 1 * MIB;
        HttpProblem refused = assertThrows(HttpProblem.class, () -> headroom.require(4 * MIB));
        assertEquals(413, refused.status());
        assertEquals(ErrorCode.BODY_TOO_LARGE, refused.code());
        assertTrue(
                refused.getMessage().startsWith("the daemon has no room left for a 4.0 MiB request (11.0 MiB"),
                refused.getMessage());
        assertEquals(1, collections.get());
    }
}
