package dev.omnivault.bootstrap;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the daemon through its own graceful path (exit code 0), not through the
 * JVM's default handling (exit code 143/130 with only shutdown hooks run).
 */
final class Signals {

    private Signals() {}

    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // Not every platform has both signals; the other still works.
            }
        }
    }
}
