package dev.omnivault.bootstrap;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gives back the memory a burst of work left behind once the daemon has been quiet for a while:
 * a full collection, after which the serial collector shrinks the heap to what is live (the
 * daemon's flags: {@code -XX:-ShrinkHeapInSteps -XX:MaxHeapFreeRatio=30}) and returns the rest
 * to the system; the C library's heap is trimmed by the JVM every 2 s after that. A daemon sits
 * idle nearly all its life, and without this it keeps the heap its start-up or its last load
 * grew, as G1 would without its periodic collection. At most one collection per quiet spell, and
 * only when the heap holds {@link #GROWTH} more than the last one left: a large vault's daemon,
 * whose full collection takes longer, is not collected after every small request.
 *
 * <p>Run by {@code daemon run} every {@link #TICK}. A request may begin just as the collection
 * does; it then waits for it (~20 ms at a small vault's heap).
 */
final class IdleCollector implements Runnable {

    /** How often the daemon looks. */
    static final Duration TICK = Duration.ofMillis(250);
    /** How long no request must have been served before the collection. */
    static final Duration QUIET = Duration.ofMillis(500);

    /** How much more than the last collection left the heap must hold for another to be worth it. */
    static final long GROWTH = 4L * 1024 * 1024;

    private final Supplier<OptionalLong> idleSinceNanos;
    private final LongSupplier nanoClock;
    private final LongSupplier heapUsed;
    private final Runnable collect;
    /** The quiet spell (when it began) already looked at. */
    private OptionalLong lookedAt = OptionalLong.empty();
    /** What the heap held right after the last collection (none yet: nothing). */
    private long leftByLast;

    /**
     * @param idleSinceNanos when the last request ended, empty while one is served ({@link DaemonServer#idleSinceNanos})
     * @param nanoClock {@link System#nanoTime} outside tests
     * @param heapUsed the bytes the heap holds, live or not ({@link #heapUsed()} outside tests)
     * @param collect {@link System#gc} outside tests
     */
    IdleCollector(
            Supplier<OptionalLong> idleSinceNanos, LongSupplier nanoClock, LongSupplier heapUsed, Runnable collect) {
        this.idleSinceNanos = idleSinceNanos;
        this.nanoClock = nanoClock;
        this.heapUsed = heapUsed;
        this.collect = collect;
    }

    /** This JVM's heap in use, garbage included (committed less free). */
    static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Override
    public void run() {
        OptionalLong since = idleSinceNanos.get();
        if (since.isEmpty() || since.equals(lookedAt)) {
            return;
        }
        if (nanoClock.getAsLong() - since.getAsLong() < QUIET.toNanos()) {
            return;
        }
        lookedAt = since;
        if (heapUsed.getAsLong() - leftByLast >= GROWTH) {
            collect.run();
            leftByLast = heapUsed.getAsLong();
        }
    }
}
