package dev.omnivault.domain;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value held as UTF-8 bytes: copied in, copied out, zeroed on {@link #close()}, compared
 * in constant time. Never a record and never printed, so it cannot leak through {@code toString}.
 */
public final class SecretValue implements AutoCloseable {

    private static final SecretValue EMPTY = new SecretValue(new byte[0]);

    private final byte[] utf8;

    private SecretValue(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** A copy of {@code utf8}; the caller keeps (and should zero) its own array. */
    public static SecretValue ofUtf8(byte[] utf8) {
        return utf8.length == 0 ? EMPTY : new SecretValue(utf8.clone());
    }

    /**
     * Encodes {@code text} as UTF-8. Only for values that already live in a {@code String} (a JSON
     * body, a command-line argument); the String itself cannot be zeroed.
     */
    public static SecretValue ofText(String text) {
        return text.isEmpty() ? EMPTY : new SecretValue(text.getBytes(StandardCharsets.UTF_8));
    }

    public static SecretValue empty() {
        return EMPTY;
    }

    /** An independent copy, which can be closed without touching this one. */
    public SecretValue copy() {
        return isEmpty() ? EMPTY : new SecretValue(utf8.clone());
    }

    public boolean isEmpty() {
        return utf8.length == 0;
    }

    public int byteLength() {
        return utf8.length;
    }

    /** A fresh copy of the value's bytes; the caller owns it and should zero it when done. */
    public byte[] revealBytes() {
        return utf8.clone();
    }

    /**
     * The value decoded to a fresh {@code char[]} (for a JSON writer, say); the caller owns it and
     * should zero it. The decoder's own buffer is wiped before returning.
     */
    public char[] revealChars() {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    /** The value as text, for an edge that must hand it to a user (JSON body, terminal). */
    public String revealText() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Constant-time comparison, so timing does not tell how much of a value matched. */
    public boolean sameAs(SecretValue other) {
        return MessageDigest.isEqual(utf8, other.utf8);
    }

    /** Overwrites the bytes with zeros; the value reads as zeros afterwards. */
    @Override
    public void close() {
        Arrays.fill(utf8, (byte) 0);
    }

    @Override
    public String toString() {
        return "SecretValue[***]";
    }
}
