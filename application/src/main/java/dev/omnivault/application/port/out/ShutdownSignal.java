package dev.omnivault.application.port.out;

/** Tells the running daemon to shut down gracefully once the current request is answered. */
public interface ShutdownSignal {

    void requestShutdown();
}
