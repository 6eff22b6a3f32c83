package dev.omnivault.adapter.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code omnivault run --mask} puts between a program and the terminal: a stream filter that
 * replaces each occurrence of a secret value with {@link #MASK}, also when a value arrives split
 * across two reads. It holds back only the bytes that could still start a value, so output that
 * holds none passes at once (an interactive program stays interactive).
 */
final class Masker {

    /** What a value is replaced with. */
    static final String TEXT = "<concealed by omnivault>";

    private static final byte[] MASK = TEXT.getBytes(StandardCharsets.UTF_8);

    private final byte[][] values;
    private byte[] pending = new byte[0];

    /** {@code values}: the values to hide (empty ones are ignored); copied, and zeroed by {@link #erase()}. */
    Masker(List<byte[]> values) {
        this.values = values.stream()
                .filter(value -> value.length > 0)
                .map(byte[]::clone)
                .sorted(Comparator.comparingInt((byte[] value) -> value.length).reversed())
                .toArray(byte[][]::new);
    }

    /** The bytes to write for {@code length} more bytes read; some may be held back for the next call. */
    byte[] feed(byte[] bytes, int length) {
        byte[] input = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(bytes, 0, input, pending.length, length);
        Arrays.fill(pending, (byte) 0);
        return scan(input, false);
    }

    /** What is left to write at the end of the stream: what was held back, masked where it is a value. */
    byte[] finish() {
        return scan(pending, true);
    }

    /**
     * Writes {@code input}, each value replaced; before the stream's end it stops where the input
     * ends inside a value (a longer one first: a value that holds a shorter one is hidden whole).
     */
    private byte[] scan(byte[] input, boolean end) {
        var out = new ByteArrayOutputStream(input.length);
        int at = 0;
        scan:
        while (at < input.length) {
            for (byte[] value : values) {
                int matched = matched(input, at, value);
                if (matched == value.length) {
                    out.writeBytes(MASK);
                    at += value.length;
                    continue scan;
                }
                if (!end && matched == input.length - at) {
                    break scan; // the input ends inside this value: wait for the rest
                }
            }
            out.write(input[at++]);
        }
        pending = Arrays.copyOfRange(input, at, input.length);
        Arrays.fill(input, (byte) 0);
        return out.toByteArray();
    }

    /** Zeroes the values and what is held back. */
    void erase() {
        for (byte[] value : values) {
            Arrays.fill(value, (byte) 0);
        }
        Arrays.fill(pending, (byte) 0);
    }

    /** How many bytes of {@code value} match {@code input} from {@code at} (up to the input's end). */
    private static int matched(byte[] input, int at, byte[] value) {
        int n = 0;
        while (n < value.length && at + n < input.length && input[at + n] == value[n]) {
            n++;
        }
        return n;
    }
}
