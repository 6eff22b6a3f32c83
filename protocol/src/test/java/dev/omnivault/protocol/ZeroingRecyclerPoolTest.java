package dev.omnivault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

class ZeroingRecyclerPoolTest {

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aJacksonBufferIsWipedAsItReturns_andIsThenReused() {
        var pool = new ZeroingRecyclerPool();
        BufferRecycler recycler = pool.acquireAndLinkPooled();
        byte[] bytes = recycler.allocByteBuffer(BufferRecycler.BYTE_WRITE_ENCODING_BUFFER);
        char[] chars = recycler.allocCharBuffer(BufferRecycler.CHAR_TEXT_BUFFER);
        System.arraycopy(SECRET, 0, bytes, 0, SECRET.length);
        "a value".getChars(0, 7, chars, 0);
        recycler.releaseByteBuffer(BufferRecycler.BYTE_WRITE_ENCODING_BUFFER, bytes);
        recycler.releaseCharBuffer(BufferRecycler.CHAR_TEXT_BUFFER, chars);
        assertArrayEquals(new byte[bytes.length], bytes);
        assertArrayEquals(new char[chars.length], chars);
        recycler.releaseToPool();
        BufferRecycler again = pool.acquireAndLinkPooled();
        assertSame(recycler, again, "the pool hands back the same recycler");
        assertSame(bytes, again.allocByteBuffer(BufferRecycler.BYTE_WRITE_ENCODING_BUFFER));
    }
}
