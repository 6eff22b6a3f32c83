package dev.omnivault.adapter.seal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A few bytes for keys, outside the Java heap: on Linux a mapping of their own ({@code mmap}),
 * locked in RAM ({@code mlock}, so never written to swap) and left out of core dumps
 * ({@code madvise(MADV_DONTDUMP)}), as libsodium's guarded allocations are; zeroed, unlocked and
 * unmapped on {@link #close()}. The calls go through the foreign-function API. What the system
 * refuses is kept ({@link #locked()}, {@link #refusal()}) so that it can be reported; elsewhere
 * than Linux the bytes are in ordinary native memory, off the heap but neither locked nor hidden.
 *
 * <p>The segment belongs to a shared arena: a read that races {@link #close()} fails with an
 * {@code IllegalStateException}, never with a read of unmapped memory.
 */
final class LockedMemory implements AutoCloseable {

    private static final boolean ON_LINUX =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    private final Arena arena;
    private final MemorySegment segment;
    private final boolean locked;
    private final boolean leftOutOfDumps;
    private final Optional<String> refusal;

    private LockedMemory(
            Arena arena, MemorySegment segment, boolean locked, boolean leftOutOfDumps, Optional<String> refusal) {
        this.arena = arena;
        this.segment = segment;
        this.locked = locked;
        this.leftOutOfDumps = leftOutOfDumps;
        this.refusal = refusal;
    }

    /** {@code bytes} zeroed bytes (at most one page is locked per allocation, so keep them few). */
    static LockedMemory allocate(int bytes) {
        Arena arena = Arena.ofShared();
        try {
            if (!ON_LINUX) {
                return new LockedMemory(
                        arena,
                        arena.allocate(bytes),
                        false,
                        false,
                        Optional.of("memory cannot be locked on " + System.getProperty("os.name")));
            }
            return Libc.map(arena, bytes);
        } catch (RuntimeException | Error failed) {
            arena.close();
            throw failed;
        }
    }

    void write(long offset, byte[] bytes) {
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, offset, bytes.length);
    }

    /** A heap copy of {@code length} bytes from {@code offset}, for the caller to zero. */
    byte[] read(long offset, int length) {
        byte[] copy = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, copy, 0, length);
        return copy;
    }

    /** Whether the pages are locked in RAM. */
    boolean locked() {
        return locked;
    }

    /** Whether the pages are marked to be left out of a core dump. */
    boolean leftOutOfDumps() {
        return leftOutOfDumps;
    }

    /** Why the pages are not locked or not left out of dumps, if so. */
    Optional<String> refusal() {
        return refusal;
    }

    /** Where the bytes are, to find them in {@code /proc/self/smaps} (tests). */
    long address() {
        return segment.address();
    }

    String describe() {
        if (locked && leftOutOfDumps) {
            return "keys are kept off the Java heap, in memory locked in RAM (mlock) and left out of core dumps"
                    + " (MADV_DONTDUMP)";
        }
        return "keys are kept off the Java heap, but " + refusal.orElse("not protected") + "; they may be written"
                + " to swap";
    }

    /** Zeroes the bytes, then unlocks and unmaps them; reads after this fail. */
    @Override
    public void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        wipe();
        arena.close();
    }

    /** Zeroes every byte (what {@link #close()} does first). */
    void wipe() {
        segment.fill((byte) 0);
    }

    /** The C library's memory calls, with their Linux x86-64 and AArch64 constants. */
    private static final class Libc {

        private static final int PROT_READ = 1;
        private static final int PROT_WRITE = 2;
        private static final int MAP_PRIVATE = 2;
        private static final int MAP_ANONYMOUS = 0x20;
        private static final int MADV_DONTDUMP = 16;
        private static final int SC_PAGESIZE = 30;
        private static final int RLIMIT_MEMLOCK = 8;
        private static final Map<Integer, String> ERRNO_NAMES =
                Map.of(1, "EPERM", 11, "EAGAIN", 12, "ENOMEM", 22, "EINVAL");

        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup C = LINKER.defaultLookup();
        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
        private static final VarHandle ERRNO_VALUE =
                Linker.Option.captureStateLayout().varHandle(MemoryLayout.PathElement.groupElement("errno"));

        private static final MethodHandle MMAP = handle(
                "mmap",
                FunctionDescriptor.of(
                        ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG));
        private static final MethodHandle MUNMAP = handle(
                "munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        private static final MethodHandle MLOCK = handle(
                "mlock", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        private static final MethodHandle MUNLOCK = handle(
                "munlock", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        private static final MethodHandle MADVISE = handle(
                "madvise",
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        private static final MethodHandle SYSCONF =
                handle("sysconf", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        private static final MethodHandle GETRLIMIT = handle(
                "getrlimit", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

        private Libc() {}

        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(C.find(name).orElseThrow(), descriptor, ERRNO);
        }

        /** A fresh private mapping of whole pages, locked and marked; see the class comment. */
        static LockedMemory map(Arena arena, int bytes) {
            try {
                MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
                long page = (long) SYSCONF.invokeExact(errno, SC_PAGESIZE);
                long length = Math.max(page, (bytes + page - 1) / page * page);
                MemorySegment start = (MemorySegment) MMAP.invokeExact(
                        errno, MemorySegment.NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
                if (start.address() == -1L) {
                    throw new IllegalStateException("mmap failed (" + errnoName(errno) + ")");
                }
                var refusals = new StringBuilder();
                boolean locked = (int) MLOCK.invokeExact(errno, start, length) == 0;
                if (!locked) {
                    refusals.append("mlock failed (").append(errnoName(errno)).append(memlockLimit(arena, errno));
                    refusals.append(')');
                }
                boolean leftOut = (int) MADVISE.invokeExact(errno, start, length, MADV_DONTDUMP) == 0;
                if (!leftOut) {
                    refusals.append(refusals.isEmpty() ? "" : " and ");
                    refusals.append("madvise(MADV_DONTDUMP) failed (")
                            .append(errnoName(errno))
                            .append(')');
                }
                boolean unlockFirst = locked;
                MemorySegment mapped = start.reinterpret(length, arena, gone -> unmap(gone, unlockFirst));
                return new LockedMemory(
                        arena,
                        mapped.asSlice(0, bytes),
                        locked,
                        leftOut,
                        refusals.isEmpty() ? Optional.empty() : Optional.of(refusals.toString()));
            } catch (RuntimeException | Error failed) {
                throw failed;
            } catch (Throwable impossible) {
                throw new IllegalStateException("the C library's memory calls failed", impossible);
            }
        }

        private static void unmap(MemorySegment mapping, boolean unlock) {
            try (Arena scratch = Arena.ofConfined()) {
                MemorySegment errno = scratch.allocate(Linker.Option.captureStateLayout());
                if (unlock) {
                    int _ = (int) MUNLOCK.invokeExact(errno, mapping, mapping.byteSize());
                }
                int _ = (int) MUNMAP.invokeExact(errno, mapping, mapping.byteSize());
            } catch (Throwable cannot) {
                // the pages were zeroed before; an unmap that fails leaks them, nothing more
            }
        }

        private static String errnoName(MemorySegment errno) {
            int value = (int) ERRNO_VALUE.get(errno, 0L);
            return ERRNO_NAMES.getOrDefault(value, "errno " + value);
        }

        /** {@code "; RLIMIT_MEMLOCK is n KiB"}, or nothing when it cannot be read. */
        private static String memlockLimit(Arena arena, MemorySegment errno) throws Throwable {
            MemorySegment limits = arena.allocate(ValueLayout.JAVA_LONG, 2);
            if ((int) GETRLIMIT.invokeExact(errno, RLIMIT_MEMLOCK, limits) != 0) {
                return "";
            }
            long current = limits.getAtIndex(ValueLayout.JAVA_LONG, 0);
            return current < 0 ? "" : "; RLIMIT_MEMLOCK is " + current / 1024 + " KiB";
        }
    }
}
