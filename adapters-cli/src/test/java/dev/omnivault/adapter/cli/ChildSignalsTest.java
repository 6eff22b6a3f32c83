package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/**
 * The race a Ctrl-C at the editor used to lose on a busy machine: the SIGINT that ended the child
 * is handled by the JVM later, on a thread of its own, after the CLI has put its handlers back.
 * Here the SIGINT arrives after {@link ChildSignals#restore()}; if the default handler were back,
 * this test's JVM would end with 130 and the build would report it as crashed.
 */
class ChildSignalsTest {

    @Test
    void aCtrlCHandledAfterTheChildEnded_doesNotEndTheCli() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ChildSignals signals = ChildSignals.forwardTo((int) child.pid());
            signals.restore();
            Signal.raise(new Signal("INT"));
            Thread.sleep(300); // the signal dispatcher runs the handler meanwhile
            assertTrue(child.isAlive(), "SIGINT is not passed on to the child either");
        } finally {
            child.destroy();
        }
        assertTrue(child.waitFor(5, TimeUnit.SECONDS));
    }
}
