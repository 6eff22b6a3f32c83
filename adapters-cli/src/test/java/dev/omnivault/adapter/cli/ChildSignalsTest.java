package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    /**
     * SIGTERM and SIGHUP sent to the CLI reach the child (a shell that traps each and exits with
     * its own status), and the CLI goes on: without the forwarding, the SIGTERM raised here would
     * end this test's JVM instead.
     */
    @Test
    void aSigtermOrSighupToTheCli_isPassedOnToTheChild() throws Exception {
        for (String name : new String[] {"TERM", "HUP"}) {
            Process child = new ProcessBuilder(
                            "sh",
                            "-c",
                            "trap 'echo got " + name + "; exit 7' " + name
                                    + "; echo ready; while :; do sleep 0.05; done")
                    .start();
            try {
                var output = child.inputReader(StandardCharsets.UTF_8);
                assertEquals("ready", output.readLine(), "the child's trap is set");
                ChildSignals signals = ChildSignals.forwardTo((int) child.pid());
                try {
                    Signal.raise(new Signal(name));
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child got SIG" + name + " and ended");
                } finally {
                    signals.restore();
                }
                assertEquals(7, child.exitValue(), "it ended through its trap");
                assertEquals("got " + name, output.readLine());
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
