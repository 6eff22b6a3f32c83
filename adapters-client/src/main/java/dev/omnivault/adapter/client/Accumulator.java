package dev.omnivault.adapter.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** A growing byte array that zeroes each array it outgrows (an answer may hold a secret). */
final class Accumulator {
    private byte[] bytes = new byte[8192];
    private int length;

    void append(byte[] source, int count) {
        append(source, 0, count);
    }

    void append(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            byte[] larger = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            Arrays.fill(bytes, (byte) 0);
            bytes = larger;
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    int length() {
        return length;
    }

    /** Where the head held so far ends (after its blank line); -1 while it is not complete. */
    int headEnd() {
        for (int at = 3; at < length; at++) {
            if (bytes[at - 3] == '\r' && bytes[at - 2] == '\n' && bytes[at - 1] == '\r' && bytes[at] == '\n') {
                return at + 1;
            }
        }
        return -1;
    }

    /** The Content-Length of the head held so far; 0 when it names none. */
    long contentLength() {
        String head = new String(bytes, 0, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int end = head.indexOf("\r\n", at + 2);
        try {
            return Long.parseLong(head.substring(at + 17, end).strip());
        } catch (NumberFormatException | StringIndexOutOfBoundsException malformed) {
            return 0;
        }
    }

    void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }
}
