package dev.omnivault.adapter.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Starts the program {@code omnivault run} was given, with the caller's environment plus the
 * variables it resolved. {@link NativeLauncher} is the real one; the tests give their own.
 */
public interface Launcher {

    /** A variable to set in the program's environment; {@code secret} values are masked by {@code --mask}. */
    record Variable(String name, byte[] value, boolean secret) {

        /** Zeroes the value. */
        void erase() {
            Arrays.fill(value, (byte) 0);
        }

        @Override
        public String toString() {
            return name + (secret ? "=<secret>" : "=<value>");
        }
    }

    /**
     * What to run: {@code command} (its first word is looked up in {@code PATH}, as a shell does),
     * the variables to set over the caller's environment, and whether the values are masked in the
     * program's output.
     */
    record Launch(List<String> command, List<Variable> variables, boolean mask) {
        public Launch {
            command = List.copyOf(command);
            variables = List.copyOf(variables);
        }
    }

    /**
     * Runs {@code launch}. Without {@code mask} the CLI's process becomes the program ({@code
     * execvpe}) and this returns only when the program could not be started; with it the program
     * runs as a child whose output passes through a filter, and this returns its exit status
     * (128 + N for a signal N, as a shell says).
     *
     * @throws LaunchFailedException when the program cannot be started (the exit code is 126 or
     *     127, as {@code env} uses)
     */
    int launch(Launch launch);

    /** Called when {@code run} begins, before it asks the daemon anything: a launcher may get ready meanwhile. */
    default void prepare() {}

    /**
     * Runs {@code editor} (a shell command line, as {@code $EDITOR} is: {@code code --wait} works)
     * on {@code file} at the caller's terminal, and returns its exit status. A Ctrl-C goes to the
     * editor alone (the CLI waits for it, then cleans up); SIGTERM and SIGHUP are passed on to it.
     */
    default int edit(String editor, java.nio.file.Path file) throws java.io.IOException {
        Process process = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "omnivault-edit", file.toString())
                .inheritIO()
                .start();
        ChildSignals signals = ChildSignals.forwardTo((int) process.pid());
        try {
            return process.waitFor();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroy();
            return 130;
        } finally {
            signals.restore();
        }
    }

    /** The program could not be started; {@link #exitCode()} says why as {@code env} does (126, 127). */
    final class LaunchFailedException extends RuntimeException {
        private final int exitCode;

        public LaunchFailedException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
