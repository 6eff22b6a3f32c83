package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

class ZeroingPoolsTest {

    private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);

    private static boolean allZero(ByteBuffer buffer) {
        ByteBuffer whole = buffer.duplicate().clear();
        while (whole.hasRemaining()) {
            if (whole.get() != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aJettyBufferIsWipedWhenItsLastHolderReleasesIt_andNotBefore() {
        var pool = new ZeroingByteBufferPool();
        for (boolean direct : new boolean[] {false, true}) {
            RetainableByteBuffer.Mutable buffer = pool.acquire(1024, direct);
            buffer.append(ByteBuffer.wrap(SECRET));
            ByteBuffer underlying = buffer.getByteBuffer();
            buffer.retain();
            buffer.release(); // a second holder lets go: the first still reads its bytes
            assertEquals(SECRET.length, buffer.remaining());
            assertEquals(SECRET[0], underlying.get(underlying.position()));
            assertTrue(buffer.release());
            assertTrue(allZero(underlying), "direct=" + direct);
        }
    }

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
