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
 * grew (measured: ~9 MiB of the started daemon's RSS), as G1 would without its periodic
 * collection. One collection per quiet spell: while nothing happens, nothing more is done.
 *
 * <p>Run by {@code daemon run} every {@link #TICK}. A request may begin just as the collection
 * does; it then waits for it (a few milliseconds at the daemon's heap sizes).
 */
final class IdleCollector implements Runnable {

    /** How often the daemon looks. */
    static final Duration TICK = Duration.ofMillis(250);
    /** How long no request must have been served before the collection. */
    static final Duration QUIET = Duration.ofMillis(500);

    private final Supplier<OptionalLong> idleSinceNanos;
    private final LongSupplier nanoClock;
    private final Runnable collect;
    /** The quiet spell (when it began) already collected for. */
    private OptionalLong collectedFor = OptionalLong.empty();

    /**
     * @param idleSinceNanos when the last request ended, empty while one is served ({@link DaemonServer#idleSinceNanos})
     * @param nanoClock {@link System#nanoTime} outside tests
     * @param collect {@link System#gc} outside tests
     */
    IdleCollector(Supplier<OptionalLong> idleSinceNanos, LongSupplier nanoClock, Runnable collect) {
        this.idleSinceNanos = idleSinceNanos;
        this.nanoClock = nanoClock;
        this.collect = collect;
    }

    @Override
    public void run() {
        OptionalLong since = idleSinceNanos.get();
        if (since.isEmpty() || since.equals(collectedFor)) {
            return;
        }
        if (nanoClock.getAsLong() - since.getAsLong() >= QUIET.toNanos()) {
            collectedFor = since;
            collect.run();
        }
    }
}
