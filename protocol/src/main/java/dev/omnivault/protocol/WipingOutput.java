package dev.omnivault.protocol;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A byte sink for answers that hold secret values: every array it outgrows is zeroed before it is
 * dropped, and {@link #toByteArrayAndWipe} zeroes the last one, so no copy of a value is left to
 * the garbage unwiped (a {@code ByteArrayOutputStream} leaves each outgrown array behind).
 */
public final class WipingOutput extends OutputStream {

    private byte[] bytes;
    private int length;

    public WipingOutput(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            byte[] larger = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            Arrays.fill(bytes, (byte) 0);
            bytes = larger;
        }
    }

    /** What was written, in an array of its own; this sink's array is zeroed. */
    public byte[] toByteArrayAndWipe() {
        byte[] copy = Arrays.copyOf(bytes, length);
        Arrays.fill(bytes, (byte) 0);
        length = 0;
        return copy;
    }
}
