package dev.omnivault.protocol;

import java.util.Arrays;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer pool for the wire's bodies (the daemon's requests and answers, the client's), with every buffer zeroed
 * as it goes back to the pool: a recycled buffer never keeps the last password or value it held.
 *
 * <p>Without a pool each parser and generator allocates its own buffers (about 16 KB a request),
 * which made buffers most of the daemon's allocations under load and young-generation pauses the
 * main part of its p99 latency (issue 7). Zeroing a buffer costs less than allocating it.
 */
final class ZeroingRecyclerPool extends RecyclerPool.BoundedPoolBase<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    /** As many recyclers as requests the daemon serves at once, at most. */
    private static final int CAPACITY = 64;

    ZeroingRecyclerPool() {
        super(CAPACITY);
    }

    @Override
    public BufferRecycler createPooled() {
        return new ZeroingBufferRecycler();
    }

    /** A recycler whose buffers are wiped when their parser or generator hands them back. */
    static final class ZeroingBufferRecycler extends BufferRecycler {
        @Override
        public void releaseByteBuffer(int index, byte[] buffer) {
            if (buffer != null) {
                Arrays.fill(buffer, (byte) 0);
            }
            super.releaseByteBuffer(index, buffer);
        }

        @Override
        public void releaseCharBuffer(int index, char[] buffer) {
            if (buffer != null) {
                Arrays.fill(buffer, '\0');
            }
            super.releaseCharBuffer(index, buffer);
        }
    }
}
