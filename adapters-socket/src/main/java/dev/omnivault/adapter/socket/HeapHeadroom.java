package dev.omnivault.adapter.socket;

import dev.omnivault.protocol.ErrorCode;
import java.util.function.LongSupplier;

/**
 * Whether the daemon's heap has room for a request body, asked before it is read. The daemon
 * runs in a small heap (256 MiB at most) and ends at once if that runs out, so a write it cannot
 * hold is refused with a clear answer first: a careless user storing 4 MiB values one after
 * another gets "no room" from the daemon, which stays up, instead of a daemon that ended in the
 * middle of a write. When the heap looks short, one full collection is tried before refusing
 * (much of what is in use may be garbage).
 *
 * <p>Bodies served at the same time account for one another: each request's {@link Reservation}
 * holds the room its body was promised until the request has been served, and a body is taken only
 * when the heap has room for it beside every promise still held (measured: eight clients storing
 * 4 MiB values at once ran a 256 MiB daemon out of memory when each body was checked alone).
 * Every body is checked, whatever its size: sixteen clients storing values just under 1 MiB at once
 * ran it out when only bodies of 1 MiB or more were (each small one alone looked harmless).
 */
final class HeapHeadroom {

    /**
     * The least a body is taken to cost, however small: a stored secret holds its record, index
     * entry and journal line beside its value, so a vault filled with small secrets is refused
     * while the heap still has room for the requests that read them.
     */
    static final long LEAST_COST = 64 * 1024;
    /**
     * What serving a body costs in the heap at once, as a multiple of its size: the bytes read, the
     * decoded value, the sealed record and the journal's copy (measured: a 256 MiB heap held
     * seventeen 4 MiB values and ran out writing the eighteenth).
     */
    static final long COST_PER_BODY_BYTE = 8;

    private static final HeapHeadroom OF_THIS_JVM = new HeapHeadroom(HeapHeadroom::freeInThisJvm, System::gc);

    private final LongSupplier free;
    private final Runnable collect;
    /** What the {@link Reservation}s still held were promised, in bytes. Guarded by {@code this}. */
    private long promised;
    /** How many {@link Reservation}s hold a promise. Guarded by {@code this}. */
    private int holders;

    /**
     * @param free the bytes the heap's old generation can still take (garbage counts as in use)
     * @param collect a full collection
     */
    HeapHeadroom(LongSupplier free, Runnable collect) {
        this.free = free;
        this.collect = collect;
    }

    static HeapHeadroom ofThisJvm() {
        return OF_THIS_JVM;
    }

    /**
     * What the heap's old generation can still take: that is where a large, long-lived value ends
     * up, and it is only part of the heap (the serial collector keeps a third for the young one), so
     * the heap's own free space says too much (measured: 107 MiB "free" of 256 when the next 4 MiB
     * write ran out). Looked up on the first body (the JDK's memory-pool beans).
     */
    private static long freeInThisJvm() {
        java.lang.management.MemoryUsage usage = OldGeneration.POOL.getUsage();
        long max = usage.getMax() >= 0 ? usage.getMax() : Runtime.getRuntime().maxMemory();
        return max - usage.getUsed();
    }

    /** The heap's pool that can grow largest: the old (tenured) generation under any of the JDK's collectors. */
    private static final class OldGeneration {
        static final java.lang.management.MemoryPoolMXBean POOL =
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                        .max(java.util.Comparator.comparingLong(
                                pool -> pool.getUsage().getMax()))
                        .orElseThrow();
    }

    /** A reservation for one request's body, holding nothing until {@link Reservation#cover} is called. */
    Reservation reserve() {
        return new Reservation();
    }

    /** What the reservations still held were promised, in bytes. */
    synchronized long promised() {
        return promised;
    }

    /** The room one request's body was promised, given back by {@link #close} once it has been served. */
    final class Reservation implements AutoCloseable {

        /** Guarded by the {@link HeapHeadroom}. */
        private long held;

        private Reservation() {}

        /**
         * Makes sure the heap has room for a body of {@code bytes} beside what every other request
         * being served was promised, after one collection if it looks short; else refuses (413). A
         * body whose length was not declared calls this again as it grows.
         */
        void cover(long bytes) {
            if (bytes <= 0) {
                return;
            }
            synchronized (HeapHeadroom.this) {
                long more = Math.max(bytes * COST_PER_BODY_BYTE, LEAST_COST) - held;
                if (more <= 0) {
                    return;
                }
                long left = free.getAsLong() - promised;
                if (left < more) {
                    collect.run();
                    left = free.getAsLong() - promised;
                }
                if (left < more) {
                    throw refusal(bytes, left);
                }
                if (held == 0) {
                    holders++;
                }
                held += more;
                promised += more;
            }
        }

        @Override
        public void close() {
            synchronized (HeapHeadroom.this) {
                if (held > 0) {
                    holders--;
                }
                promised -= held;
                held = 0;
            }
        }

        /**
         * The answer to this body when it finds no room left; it tells a heap taken by other
         * requests being served (try again) from a full vault. Called holding the {@link
         * HeapHeadroom}.
         */
        private HttpProblem refusal(long bytes, long left) {
            int others = holders - (held > 0 ? 1 : 0);
            String room = mebibytes(Math.max(0, left)) + " MiB of its memory free";
            String advice = "delete secrets you no longer need (large ones free the most), or start the daemon"
                    + " with a larger OMNIVAULT_DAEMON_HEAP (such as 1g)";
            String message = others == 0
                    ? "the daemon has no room left for a " + size(bytes) + " request (" + room
                            + "): the vault holds as much as this daemon can; " + advice
                    : "the daemon has no room left for a " + size(bytes) + " request (" + room + ", "
                            + mebibytes(promised - held) + " MiB more taken by " + others + " other request"
                            + (others == 1 ? "" : "s") + " being served): try again when they are done; if the"
                            + " vault is full, " + advice;
            return new HttpProblem(413, ErrorCode.BODY_TOO_LARGE, message);
        }
    }

    private static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return mebibytes(bytes) + " MiB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + "-byte";
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
