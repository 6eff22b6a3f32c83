package dev.omnivault.adapter.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The terminal behind stdin, through the C library with Java's foreign-function API (no JNI):
 * whether stdin is a terminal ({@code isatty(0)}), whatever stdout is; and a line read from it
 * with echo off ({@code tcgetattr}/{@code tcsetattr} on the {@code ECHO} flag), its prompt written
 * to the terminal itself ({@code /dev/tty}), so neither the prompt nor what is typed goes into a
 * redirected stdout, and nothing typed shows on the screen.
 */
final class Tty {

    /** A line of the terminal, read with the terminal's echo off. */
    @FunctionalInterface
    interface LineReader {
        char[] readLine() throws IOException;
    }

    private static final int STDIN = 0;
    private static final int TCSANOW = 0;
    private static final long ECHO = 0x8;
    /** Larger than {@code struct termios} on Linux (60 bytes) and macOS (72). */
    private static final long TERMIOS_BYTES = 256;

    private Tty() {}

    /** Whether stdin is a terminal; false where the C library cannot be asked. */
    static boolean stdinIsTerminal() {
        try {
            return (int) isatty().invokeExact(STDIN) == 1;
        } catch (Throwable unavailable) {
            return false;
        }
    }

    /**
     * Writes {@code prompt} to the terminal, turns its echo off, reads one line with
     * {@code reader}, and turns the echo back on (also if the process is interrupted meanwhile).
     * Where the terminal's settings cannot be changed (an OS whose {@code termios} layout is not
     * known here), the line is read all the same, and the prompt says that it will show.
     */
    static char[] readHidden(String prompt, LineReader reader) throws IOException {
        long lflagOffset = lflagOffset();
        try (Arena arena = Arena.ofConfined();
                PrintStream terminal = terminalOut()) {
            MemorySegment saved = arena.allocate(TERMIOS_BYTES);
            boolean echoOff = lflagOffset >= 0 && tcgetattr(saved) && echoOff(saved, lflagOffset, arena);
            terminal.print(echoOff ? prompt : prompt + "(typing will show) ");
            terminal.flush();
            Thread restore = new Thread(() -> tcsetattr(saved));
            if (echoOff) {
                Runtime.getRuntime().addShutdownHook(restore);
            }
            try {
                return reader.readLine();
            } finally {
                if (echoOff) {
                    tcsetattr(saved);
                    Runtime.getRuntime().removeShutdownHook(restore);
                    terminal.println(); // the Enter typed was not echoed either
                    terminal.flush();
                }
            }
        }
    }

    /** Writes {@code prompt} to the terminal (never to stdout) and reads one line with echo on. */
    static char[] readVisible(String prompt, LineReader reader) throws IOException {
        try (PrintStream terminal = terminalOut()) {
            terminal.print(prompt);
            terminal.flush();
        }
        return reader.readLine();
    }

    /** The controlling terminal for writing; stderr (left open) when there is none to open. */
    private static PrintStream terminalOut() {
        try {
            return new PrintStream(new FileOutputStream("/dev/tty"), false, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException none) {
            return new PrintStream(nonClosing(System.err), false, StandardCharsets.UTF_8);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** Where {@code c_lflag} is in {@code struct termios}: an int on Linux, a long on macOS; -1 elsewhere. */
    private static long lflagOffset() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return 12;
        }
        if (os.startsWith("mac")) {
            return 24;
        }
        return -1;
    }

    /** Sets the terminal to {@code saved} less its {@code ECHO} flag. */
    private static boolean echoOff(MemorySegment saved, long lflagOffset, Arena arena) {
        MemorySegment changed = arena.allocate(TERMIOS_BYTES);
        changed.copyFrom(saved);
        if (lflagOffset == 12) {
            int flags = changed.get(ValueLayout.JAVA_INT_UNALIGNED, lflagOffset);
            changed.set(ValueLayout.JAVA_INT_UNALIGNED, lflagOffset, flags & ~(int) ECHO);
        } else {
            long flags = changed.get(ValueLayout.JAVA_LONG_UNALIGNED, lflagOffset);
            changed.set(ValueLayout.JAVA_LONG_UNALIGNED, lflagOffset, flags & ~ECHO);
        }
        return tcsetattr(changed);
    }

    private static boolean tcgetattr(MemorySegment termios) {
        try {
            return (int) function("tcgetattr", ValueLayout.ADDRESS).invokeExact(STDIN, termios) == 0;
        } catch (Throwable unavailable) {
            return false;
        }
    }

    private static boolean tcsetattr(MemorySegment termios) {
        try {
            return (int) function("tcsetattr", ValueLayout.JAVA_INT, ValueLayout.ADDRESS)
                            .invokeExact(STDIN, TCSANOW, termios)
                    == 0;
        } catch (Throwable unavailable) {
            return false;
        }
    }

    private static MethodHandle isatty() {
        return function("isatty");
    }

    /** {@code int name(int, …)} from the C library. */
    private static MethodHandle function(String name, java.lang.foreign.MemoryLayout... after) {
        Linker linker = Linker.nativeLinker();
        var arguments = new java.lang.foreign.MemoryLayout[after.length + 1];
        arguments[0] = ValueLayout.JAVA_INT;
        System.arraycopy(after, 0, arguments, 1, after.length);
        return linker.downcallHandle(
                linker.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, arguments));
    }
}
