package dev.omnivault.adapter.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code omnivault run}'s launcher, through the C library with Java's foreign-function API: the
 * environment is built in native memory from the values' bytes (no {@code String} of a value, no
 * value in argv), then
 *
 * <ul>
 *   <li>without {@code --mask}, the CLI's process becomes the program: {@code execvpe}, after the
 *       signal mask the JVM set is cleared and the descriptors the JVM opened are marked
 *       close-on-exec (descriptors the caller passed on, {@code 3<file}, stay open, as with
 *       {@code env}). No second JVM, and the program's exit status is the caller's to see.
 *   <li>with it, the program is a child ({@code posix_spawnp}, signals at their defaults) whose
 *       stdout and stderr are pipes read here through a {@link Masker}; SIGTERM and SIGHUP sent to
 *       the CLI are passed on to it, and a Ctrl-C (which the terminal sends to both) does not end
 *       the CLI before the program.
 * </ul>
 */
public final class NativeLauncher implements Launcher {

    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int SIG_SETMASK = 2;
    /** Larger than glibc's {@code sigset_t} (128 bytes), {@code posix_spawnattr_t} (336) and file actions (80). */
    private static final long OPAQUE_BYTES = 1024;

    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    /**
     * The foreign-function API's linker and errno layout, made on first use: every CLI call
     * constructs a launcher, and only {@code run} may pay for the API's start (~20 ms cold).
     */
    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        private Native() {}
    }

    /** The variable that marks a program started by {@code omnivault run}. */
    static final String RUN_VARIABLE = "OMNIVAULT_RUN";

    /** The platform's profile property and variable (adapters-cli does not read the platform module). */
    private static final String PROFILE_PROPERTY = "omnivault.profile";

    private static final String PROFILE_VARIABLE = "OMNIVAULT_PROFILE";

    private final Set<Integer> inherited;

    /**
     * {@code inherited}: the descriptors this process was started with, which the program gets
     * too; read once when the CLI starts, before the JVM opens more ({@link #inheritedDescriptors()}).
     */
    public NativeLauncher(Set<Integer> inherited) {
        this.inherited = Set.copyOf(inherited);
    }

    /**
     * The descriptors open now, from {@code /proc/self/fd}: called first thing in {@code main}, it
     * tells the caller's descriptors from those the JVM opens later. Empty where there is no
     * {@code /proc} (only 0, 1 and 2 are passed on there).
     */
    public static Set<Integer> inheritedDescriptors() {
        var open = new HashSet<Integer>();
        openDescriptors().forEach(entry -> open.add(descriptor(entry)));
        return open;
    }

    /** The entries of {@code /proc/self/fd}, one per open descriptor; none where there is no {@code /proc}. */
    private static List<java.nio.file.Path> openDescriptors() {
        var entries = new ArrayList<java.nio.file.Path>();
        try (var listed = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/fd"))) {
            listed.forEach(entries::add);
        } catch (IOException | RuntimeException none) {
            return List.of();
        }
        return entries;
    }

    private static int descriptor(java.nio.file.Path entry) {
        return Integer.parseInt(entry.getFileName().toString());
    }

    /**
     * The C functions an exec calls. Linking them is most of what {@code run} costs beyond a
     * {@code read} (tens of milliseconds for the foreign-function API's first use), so {@link
     * #prepare()} starts it on a thread of its own while the CLI asks the daemon for the values.
     */
    private record ExecHandles(MethodHandle fcntl, MethodHandle sigmask, MethodHandle execvpe) {

        private static final java.util.concurrent.atomic.AtomicReference<
                        java.util.concurrent.@Nullable CompletableFuture<ExecHandles>>
                LINKING = new java.util.concurrent.atomic.AtomicReference<>();

        static void start() {
            var linking = new java.util.concurrent.CompletableFuture<ExecHandles>();
            if (LINKING.compareAndSet(null, linking)) {
                Thread.ofPlatform().daemon().name("omnivault-link").start(() -> {
                    try {
                        linking.complete(link());
                    } catch (RuntimeException | Error failed) {
                        linking.completeExceptionally(failed);
                    }
                });
            }
        }

        static ExecHandles linked() {
            start();
            return java.util.Objects.requireNonNull(LINKING.get()).join();
        }

        /**
         * All three share one shape, {@code int f(long, long, long)} with errno captured: the
         * linker makes one stub per shape, and the second and third handle then cost well under a
         * millisecond instead of several (measured cold: ~13 ms less). Ints and pointers are
         * passed as 64-bit words, which the 64-bit Linux ABIs (x86-64, AArch64) read the low half
         * of for an {@code int} parameter; {@code fcntl}'s third argument is read as the word it is.
         */
        private static ExecHandles link() {
            return new ExecHandles(
                    errnoHandle(
                            "fcntl",
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG),
                    errnoHandle(
                            "pthread_sigmask",
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG),
                    errnoHandle(
                            "execvpe",
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG));
        }
    }

    @Override
    public void prepare() {
        ExecHandles.start();
    }

    @Override
    public int launch(Launch launch) {
        try (Arena arena = Arena.ofConfined()) {
            List<MemorySegment> entries = new ArrayList<>();
            try {
                MemorySegment environment = environment(launch.variables(), arena, entries);
                MemorySegment argv = pointers(
                        launch.command().stream().map(arena::allocateFrom).toList(), arena);
                MemorySegment file = arena.allocateFrom(launch.command().getFirst());
                return launch.mask()
                        ? spawnMasked(launch, file, argv, environment, arena)
                        : exec(launch, file, argv, environment, arena);
            } finally {
                entries.forEach(entry -> entry.fill((byte) 0));
            }
        }
    }

    /** {@code NAME=VALUE} entries: the caller's environment less the names set here, then those. */
    private static MemorySegment environment(List<Variable> variables, Arena arena, List<MemorySegment> secrets) {
        var names = new HashSet<String>();
        variables.forEach(variable -> names.add(variable.name()));
        names.add(RUN_VARIABLE);
        // a --profile of this command holds for the omnivault commands the program runs, too
        String profile = System.getProperty(PROFILE_PROPERTY);
        if (profile != null) {
            names.add(PROFILE_VARIABLE);
        }
        var entries = new ArrayList<MemorySegment>();
        for (Map.Entry<String, String> kept : System.getenv().entrySet()) {
            if (!names.contains(kept.getKey())) {
                entries.add(arena.allocateFrom(kept.getKey() + "=" + kept.getValue()));
            }
        }
        entries.add(arena.allocateFrom(RUN_VARIABLE + "=1"));
        if (profile != null) {
            entries.add(arena.allocateFrom(PROFILE_VARIABLE + "=" + profile));
        }
        for (Variable variable : variables) {
            byte[] name = (variable.name() + "=").getBytes(StandardCharsets.UTF_8);
            MemorySegment entry = arena.allocate(name.length + variable.value().length + 1L);
            secrets.add(entry);
            MemorySegment.copy(name, 0, entry, ValueLayout.JAVA_BYTE, 0, name.length);
            MemorySegment.copy(variable.value(), 0, entry, ValueLayout.JAVA_BYTE, name.length, variable.value().length);
            entries.add(entry); // zero-filled, so it ends with a NUL
        }
        return pointers(entries, arena);
    }

    /** A NULL-terminated array of pointers, as {@code argv} and {@code envp} are. */
    private static MemorySegment pointers(List<MemorySegment> segments, Arena arena) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, segments.size() + 1L);
        for (int i = 0; i < segments.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, segments.get(i));
        }
        array.setAtIndex(ValueLayout.ADDRESS, segments.size(), MemorySegment.NULL);
        return array;
    }

    private int exec(Launch launch, MemorySegment file, MemorySegment argv, MemorySegment envp, Arena arena) {
        flushStandardStreams();
        closeOnExecAllBut(inherited);
        try {
            ExecHandles handles = ExecHandles.linked();
            MemorySegment empty = arena.allocate(OPAQUE_BYTES); // sigemptyset: all zero on Linux
            MemorySegment state = arena.allocate(Native.CALL_STATE);
            int ignored = (int) handles.sigmask().invokeExact(state, (long) SIG_SETMASK, empty.address(), 0L);
            int result = (int) handles.execvpe().invokeExact(state, file.address(), argv.address(), envp.address());
            throw cannotRun(launch.command().getFirst(), (int) Native.ERRNO.get(state, 0L));
        } catch (LaunchFailedException failed) {
            throw failed;
        } catch (Throwable unavailable) {
            throw new LaunchFailedException(
                    126,
                    "cannot start " + launch.command().getFirst() + ": the C library could not be called ("
                            + unavailable.getClass().getSimpleName() + ")");
        }
    }

    private static LaunchFailedException cannotRun(String program, int errno) {
        return errno == ENOENT
                ? new LaunchFailedException(127, program + ": command not found")
                : new LaunchFailedException(126, program + ": cannot run it (" + strerror(errno) + ")");
    }

    /**
     * Marks close-on-exec every descriptor the JVM opened: those opened since {@code main} began
     * (not in {@code inherited}), and those that name a file of the JDK or of the CLI's module path
     * (the JVM opens its {@code modules} image without the flag before {@code main}). The
     * caller's other descriptors, and 0, 1 and 2, stay open for the program.
     */
    private static void closeOnExecAllBut(Set<Integer> inherited) {
        List<java.nio.file.Path> ours = new ArrayList<>();
        ours.add(java.nio.file.Path.of(System.getProperty("java.home")));
        String paths = System.getProperty("jdk.module.path", "")
                + java.io.File.pathSeparator
                + System.getProperty("java.class.path", "");
        for (String entry : paths.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                java.nio.file.Path path = java.nio.file.Path.of(entry).toAbsolutePath();
                ours.add(java.nio.file.Files.isDirectory(path) ? path : path.getParent());
            }
        }
        try {
            MethodHandle fcntl = ExecHandles.linked().fcntl();
            MemorySegment state = Arena.ofAuto().allocate(Native.CALL_STATE);
            for (java.nio.file.Path entry : openDescriptors()) {
                int fd = descriptor(entry);
                if (fd > 2 && (!inherited.contains(fd) || isUnder(entry, ours))) {
                    int flags = (int) fcntl.invokeExact(state, (long) fd, (long) F_GETFD, 0L);
                    if (flags >= 0) {
                        int ignored =
                                (int) fcntl.invokeExact(state, (long) fd, (long) F_SETFD, (long) (flags | FD_CLOEXEC));
                    }
                }
            }
        } catch (Throwable none) {
            // no /proc: only what the JVM opened close-on-exec stays out of the program
        }
    }

    private static boolean isUnder(java.nio.file.Path descriptor, List<java.nio.file.Path> folders) {
        try {
            java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(descriptor);
            return folders.stream().anyMatch(folder -> folder != null && target.startsWith(folder));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private int spawnMasked(Launch launch, MemorySegment file, MemorySegment argv, MemorySegment envp, Arena arena) {
        var values = new ArrayList<byte[]>();
        for (Variable variable : launch.variables()) {
            if (variable.secret()) {
                values.add(variable.value());
            }
        }
        try {
            MemorySegment outPipe = pipe(arena);
            MemorySegment errPipe = pipe(arena);
            int outRead = outPipe.getAtIndex(ValueLayout.JAVA_INT, 0);
            int outWrite = outPipe.getAtIndex(ValueLayout.JAVA_INT, 1);
            int errRead = errPipe.getAtIndex(ValueLayout.JAVA_INT, 0);
            int errWrite = errPipe.getAtIndex(ValueLayout.JAVA_INT, 1);
            MemorySegment actions = arena.allocate(OPAQUE_BYTES);
            MemorySegment attributes = arena.allocate(OPAQUE_BYTES);
            MemorySegment all = arena.allocate(OPAQUE_BYTES);
            MemorySegment none = arena.allocate(OPAQUE_BYTES);
            call("posix_spawn_file_actions_init", actions);
            call("posix_spawn_file_actions_adddup2", actions, outWrite, 1);
            call("posix_spawn_file_actions_adddup2", actions, errWrite, 2);
            call("posix_spawnattr_init", attributes);
            call("sigfillset", all);
            call("posix_spawnattr_setsigdefault", attributes, all);
            call("posix_spawnattr_setsigmask", attributes, none);
            int ignored = (int) handle(
                            "posix_spawnattr_setflags",
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS,
                            ValueLayout.JAVA_SHORT)
                    .invokeExact(attributes, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
            closeOnExecAllBut(inherited);
            flushStandardStreams();
            MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
            int error = (int) handle(
                            "posix_spawnp",
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS)
                    .invokeExact(pid, file, actions, attributes, argv, envp);
            close(outWrite);
            close(errWrite);
            if (error != 0) {
                close(outRead);
                close(errRead);
                throw cannotRun(launch.command().getFirst(), error);
            }
            int child = pid.get(ValueLayout.JAVA_INT, 0);
            var forwarding = ChildSignals.forwardTo(child);
            try {
                Thread outCopy = Thread.ofPlatform()
                        .start(() -> copyMasked(outRead, new FileOutputStream(FileDescriptor.out), values));
                Thread errCopy = Thread.ofPlatform()
                        .start(() -> copyMasked(errRead, new FileOutputStream(FileDescriptor.err), values));
                int status = waitFor(child, arena);
                outCopy.join();
                errCopy.join();
                return status;
            } finally {
                forwarding.restore();
            }
        } catch (LaunchFailedException failed) {
            throw failed;
        } catch (Throwable unavailable) {
            throw new LaunchFailedException(
                    126,
                    "cannot start " + launch.command().getFirst() + " with --mask ("
                            + unavailable.getClass().getSimpleName() + ")");
        }
    }

    /** Copies the descriptor {@code fd} to {@code sink} through a {@link Masker}, until its end; then closes it. */
    private static void copyMasked(int fd, OutputStream sink, List<byte[]> values) {
        Masker masker = new Masker(values);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            MemorySegment state = arena.allocate(Native.CALL_STATE);
            MethodHandle read = errnoHandle(
                    "read", ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
            byte[] chunk = new byte[8192];
            while (true) {
                long n = (long) read.invokeExact(state, fd, buffer, 8192L);
                if (n < 0 && (int) Native.ERRNO.get(state, 0L) == EINTR) {
                    continue;
                }
                if (n <= 0) {
                    break;
                }
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, chunk, 0, (int) n);
                sink.write(masker.feed(chunk, (int) n));
                sink.flush();
            }
            sink.write(masker.finish());
            sink.flush();
            buffer.fill((byte) 0);
            java.util.Arrays.fill(chunk, (byte) 0);
        } catch (Throwable broken) {
            // the reader is gone (a closed terminal): the program still runs to its end
        } finally {
            masker.erase();
            close(fd);
        }
    }

    /** The child's exit status as a shell reports it: its code, or 128 + the signal that ended it. */
    private static int waitFor(int child, Arena arena) throws Throwable {
        MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment state = arena.allocate(Native.CALL_STATE);
        MethodHandle waitpid = errnoHandle(
                "waitpid", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
        while (true) {
            int result = (int) waitpid.invokeExact(state, child, status, 0);
            if (result == child) {
                int raw = status.get(ValueLayout.JAVA_INT, 0);
                int signal = raw & 0x7f;
                return signal == 0 ? (raw >> 8) & 0xff : 128 + signal;
            }
            if ((int) Native.ERRNO.get(state, 0L) != EINTR) {
                return 125;
            }
        }
    }

    private static MemorySegment pipe(Arena arena) throws Throwable {
        MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
        int result = (int) handle("pipe2", ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)
                .invokeExact(fds, O_CLOEXEC);
        if (result != 0) {
            throw new LaunchFailedException(126, "cannot make a pipe for --mask");
        }
        return fds;
    }

    private static void close(int fd) {
        try {
            int ignored = (int)
                    handle("close", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT).invokeExact(fd);
        } catch (Throwable none) {
            // nothing more to do with it
        }
    }

    private static void call(String name, MemorySegment first) throws Throwable {
        int ignored =
                (int) handle(name, ValueLayout.JAVA_INT, ValueLayout.ADDRESS).invokeExact(first);
    }

    private static void call(String name, MemorySegment first, MemorySegment second) throws Throwable {
        int ignored = (int) handle(name, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)
                .invokeExact(first, second);
    }

    private static void call(String name, MemorySegment first, int second, int third) throws Throwable {
        int result = (int)
                handle(name, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)
                        .invokeExact(first, second, third);
        if (result != 0) {
            throw new LaunchFailedException(126, "cannot set up the program's output (" + name + ")");
        }
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) handle("strerror", ValueLayout.ADDRESS, ValueLayout.JAVA_INT)
                    .invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable unavailable) {
            return "errno " + errno;
        }
    }

    private static void flushStandardStreams() {
        System.out.flush();
        System.err.flush();
    }

    private static MethodHandle handle(String name, MemoryLayout result, MemoryLayout... arguments) {
        return Native.LINKER.downcallHandle(
                Native.LINKER.defaultLookup().find(name).orElseThrow(), FunctionDescriptor.of(result, arguments));
    }

    private static MethodHandle errnoHandle(String name, MemoryLayout result, MemoryLayout... arguments) {
        return Native.LINKER.downcallHandle(
                Native.LINKER.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(result, arguments),
                Linker.Option.captureCallState("errno"));
    }
}
