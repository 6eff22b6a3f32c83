package dev.omnivault.adapter.client;

import java.io.IOException;
import java.util.Arrays;

/** One request's connection: send the whole request, then read the answer until the daemon closes. */
interface Connection extends AutoCloseable {
    void send(byte[] request) throws IOException;

    /** Reads into {@code buffer}, waiting at most the timeout: the count read, -1 at the end. */
    int read(byte[] buffer) throws IOException;

    /**
     * One answer on a kept-alive connection: the head, then the body its Content-Length
     * announces (the daemon's short answers come whole, never chunked).
     */
    default byte[] receiveOne() throws IOException {
        var answer = new Accumulator();
        byte[] buffer = new byte[1024];
        try {
            long total = Long.MAX_VALUE;
            // nothing follows this answer until the next request is sent, so whole reads are safe
            while (answer.length() < total) {
                int read = read(buffer);
                if (read < 0) {
                    break;
                }
                answer.append(buffer, read);
                int headEnd = answer.headEnd();
                if (headEnd >= 0) {
                    total = headEnd + answer.contentLength();
                }
                if (answer.length() > 64 * 1024) {
                    throw new IOException("the answer to a challenge is too long");
                }
            }
            return answer.toByteArray();
        } finally {
            Arrays.fill(buffer, (byte) 0);
            answer.wipe();
        }
    }

    /** Everything the daemon sent, up to its close; buffers outgrown on the way are zeroed. */
    default byte[] receiveAll() throws IOException {
        var answer = new Accumulator();
        byte[] buffer = new byte[8192];
        try {
            for (int read = read(buffer); read >= 0; read = read(buffer)) {
                answer.append(buffer, read);
            }
            return answer.toByteArray();
        } finally {
            Arrays.fill(buffer, (byte) 0);
            answer.wipe();
        }
    }

    @Override
    void close() throws IOException;
}
