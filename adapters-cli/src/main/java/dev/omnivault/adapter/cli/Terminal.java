package dev.omnivault.adapter.cli;

import java.io.IOException;

/** Where the CLI reads passwords, values and confirmations: a real terminal, or stdin for scripts. */
public interface Terminal {

    /** Whether a person is at a terminal (prompts are shown, input is hidden). */
    boolean interactive();

    /** Shows {@code prompt} and reads a line without echo; the caller zeroes the array. */
    char[] readHidden(String prompt) throws IOException;

    /** Shows {@code prompt} (if interactive) and reads one line; empty at end of input. */
    String readLine(String prompt) throws IOException;

    /** Reads one line of a password from a non-interactive stdin, as chars; empty at end of input. */
    char[] readSecretLine() throws IOException;

    /** All of stdin, for a value piped into {@code set}. */
    byte[] readAll() throws IOException;
}
