package dev.omnivault.adapter.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** The process's own terminal: {@link Console} for hidden input, stdin otherwise. */
public final class SystemTerminal implements Terminal {

    private final InputStream in;
    /** Whether stdin is a terminal; {@code null} until first asked. */
    private @Nullable Boolean interactive;

    /**
     * The process's stdin and console. The console is looked up on first need only: finding it
     * scans the JDK's console providers, which a call such as {@code get} never needs.
     */
    public SystemTerminal() {
        this.in = System.in;
    }

    /** Not a terminal: everything is read from {@code in}, as from a pipe. */
    public SystemTerminal(InputStream in) {
        this.in = in;
        this.interactive = false;
    }

    /** Whether stdin is a terminal, whatever stdout is: a person types there, so input is hidden. */
    @Override
    public boolean interactive() {
        if (interactive == null) {
            interactive = Tty.stdinIsTerminal();
        }
        return interactive;
    }

    @Override
    public char[] readHidden(String prompt) throws IOException {
        if (!interactive()) {
            return readSecretLine();
        }
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] chars = console.readPassword("%s", prompt);
            return chars == null ? new char[0] : chars;
        }
        // stdin is the terminal, stdout is not (redirected, piped): prompt on the terminal itself
        return Tty.readHidden(prompt, this::readSecretLine);
    }

    @Override
    public String readLine(String prompt) throws IOException {
        char[] line;
        if (interactive()) {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                String text = console.readLine("%s", prompt);
                return text == null ? "" : text;
            }
            line = Tty.readVisible(prompt, this::readSecretLine);
        } else {
            line = readSecretLine();
        }
        String text = new String(line);
        Arrays.fill(line, '\0');
        return text;
    }

    @Override
    public char[] readSecretLine() throws IOException {
        // Byte by byte up to the newline, so nothing beyond this line is consumed from stdin.
        var bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        var chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw, 0, length));
        char[] line = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return line;
    }

    @Override
    public byte[] readAll() throws IOException {
        return in.readAllBytes();
    }
}
