package dev.omnivault.adapter.socket;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * Jetty's buffer pool with every buffer zeroed before it goes back: a pooled buffer would
 * otherwise keep the bytes of the last password or value it carried (bin/torture's memory
 * scenario found them when the daemon first used Jetty's default pool).
 *
 * <p>Pooling matters under load: without a pool every connection's reads and writes allocate
 * fresh buffers, and the daemon served about a quarter fewer keep-alive GETs, with a worse p99
 * (issue 7). A buffer is wiped when its last holder releases it; one still held (retained by a
 * slice, say) is left alone until then.
 */
final class ZeroingByteBufferPool extends ByteBufferPool.Wrapper {

    ZeroingByteBufferPool() {
        super(new ArrayByteBufferPool());
    }

    @Override
    public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
        return new Zeroing(super.acquire(size, direct));
    }

    /** A pooled buffer that wipes its whole capacity on the release that returns it to the pool. */
    private static final class Zeroing extends RetainableByteBuffer.Wrapper {
        Zeroing(RetainableByteBuffer pooled) {
            super(pooled);
        }

        @Override
        public boolean release() {
            if (!isRetained()) {
                wipe(getByteBuffer());
            }
            return super.release();
        }

        private static void wipe(ByteBuffer buffer) {
            MemorySegment.ofBuffer(buffer.duplicate().clear()).fill((byte) 0);
        }
    }
}
