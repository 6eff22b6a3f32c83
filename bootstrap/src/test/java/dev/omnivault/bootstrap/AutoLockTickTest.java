package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The auto-lock check goes on after a run that fails: a scheduled executor would drop it for good. */
class AutoLockTickTest {

    @Test
    void aRunThatThrows_orRunsOutOfMemory_doesNotEndTheSchedule() throws Exception {
        var runs = new AtomicInteger();
        var reported = new CopyOnWriteArrayList<Throwable>();
        var thirdRun = new CountDownLatch(1);
        Runnable check = () -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new IllegalStateException("first run fails");
            }
            if (run == 2) {
                throw new OutOfMemoryError("second run fails harder");
            }
            thirdRun.countDown();
        };
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            scheduler.scheduleWithFixedDelay(
                    DaemonRunner.surviving(check, reported::add), 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(thirdRun.await(30, TimeUnit.SECONDS), "the check ran again after its failures");
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(
                List.of(IllegalStateException.class, OutOfMemoryError.class),
                reported.stream().map(Object::getClass).toList());
    }
}
