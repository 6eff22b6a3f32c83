package dev.omnivault.bootstrap;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * On Linux, makes the daemon non-dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}) and sets its core
 * size to 0 ({@code setrlimit(RLIMIT_CORE, 0)}), as ssh-agent does: other processes of the same
 * user cannot ptrace it or read its memory, and a crash leaves no core file holding the key. Done
 * with Java's foreign-function API, no JNI.
 */
final class ProcessHardening {

    private static final int PR_SET_DUMPABLE = 4;
    private static final int PR_GET_DUMPABLE = 3;
    private static final int RLIMIT_CORE = 4;

    private ProcessHardening() {}

    /** Hardens this process; what could not be done, for the log (empty when all was). */
    static Optional<String> apply() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            int result = (int) prctl(linker).invokeExact(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
            MethodHandle setrlimit = linker.downcallHandle(
                    libc.find("setrlimit").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            int limitResult;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment zeroLimits = arena.allocate(ValueLayout.JAVA_LONG, 2);
                limitResult = (int) setrlimit.invokeExact(RLIMIT_CORE, zeroLimits);
            }
            if (result != 0 || limitResult != 0) {
                return Optional.of(
                        "could not fully harden the process (prctl=" + result + ", setrlimit=" + limitResult + ")");
            }
            return Optional.empty();
        } catch (Throwable unavailable) {
            return Optional.of("could not make the process non-dumpable: "
                    + unavailable.getClass().getSimpleName());
        }
    }

    /** {@code int prctl(int option, unsigned long arg2, arg3, arg4, arg5)} from the C library. */
    private static MethodHandle prctl(Linker linker) {
        return linker.downcallHandle(
                linker.defaultLookup().find("prctl").orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG));
    }

    /** Whether the process is dumpable now (1) or not (0); -1 if unknown. For tests. */
    static int dumpable() {
        try {
            return (int) prctl(Linker.nativeLinker()).invokeExact(PR_GET_DUMPABLE, 0L, 0L, 0L, 0L);
        } catch (Throwable unavailable) {
            return -1;
        }
    }
}
