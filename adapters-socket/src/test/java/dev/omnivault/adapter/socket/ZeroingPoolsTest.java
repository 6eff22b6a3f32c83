package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;

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
}
