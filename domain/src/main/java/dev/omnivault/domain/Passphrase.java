package dev.omnivault.domain;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A master passphrase. It adopts the {@code char[]} it is given (no copy lingers) and zeroes it on
 * {@link #close()}; use try-with-resources. It never prints itself.
 */
public final class Passphrase implements AutoCloseable {

    /** The shortest passphrase a new vault accepts, in characters (Unicode code points). */
    public static final int MIN_LENGTH = 8;

    private final char[] chars;
    private boolean closed;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}: they are zeroed when this passphrase is closed. */
    public static Passphrase adopt(char[] chars) {
        return new Passphrase(chars);
    }

    /** The number of characters (code points), which is what the minimum length counts. */
    public int length() {
        return Character.codePointCount(chars, 0, chars.length);
    }

    /** Refuses a passphrase too short to protect a new vault. */
    public Passphrase requireStrongEnoughForNewVault(String what) {
        if (length() < MIN_LENGTH) {
            throw new InvalidInputException(what + " must be at least " + MIN_LENGTH + " characters");
        }
        return this;
    }

    /**
     * A fresh UTF-8 encoding of the passphrase for a key-derivation function. The caller owns the
     * array and must zero it when done.
     */
    public byte[] revealUtf8() {
        requireOpen();
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException impossibleWithReplace) {
            throw new IllegalStateException("UTF-8 encoding failed", impossibleWithReplace);
        }
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        // The encoder's buffer holds a copy of the passphrase: wipe it before it is garbage.
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    /** A fresh copy of the characters; the caller owns it and must zero it when done. */
    public char[] revealChars() {
        requireOpen();
        return chars.clone();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        closed = true;
    }

    @Override
    public String toString() {
        return "Passphrase[***]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("passphrase was closed");
        }
    }
}
