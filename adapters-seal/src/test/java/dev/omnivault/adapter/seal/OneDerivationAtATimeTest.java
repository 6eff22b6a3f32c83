package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Parallel unlock attempts queue for Argon2 instead of running side by side (bin/torture found why). */
class OneDerivationAtATimeTest {

    @Test
    void eightThreadsDerivingAtOnce_neverRunTwoDerivationsTogether_andAllGetTheRightKey() throws Exception {
        byte[] salt = new byte[16];
        byte[] password = "password".getBytes(StandardCharsets.UTF_8);
        // Memory large enough that a derivation lasts a few milliseconds, so overlaps would be seen.
        var settings = new Argon2Settings(2, 8 * 1024, 1);
        byte[] expected = Crypto.argon2id(password, salt, settings, 32);
        int threads = 8;
        var start = new CyclicBarrier(threads);
        var done = new CountDownLatch(threads);
        var keys = new ArrayList<byte[]>();
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    byte[] key = Crypto.argon2id(password, salt, settings, 32);
                    synchronized (keys) {
                        keys.add(key);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertEquals(threads, keys.size());
        keys.forEach(key -> assertArrayEquals(expected, key));
        assertEquals(1, Crypto.peakConcurrentDerivations());
    }
}
