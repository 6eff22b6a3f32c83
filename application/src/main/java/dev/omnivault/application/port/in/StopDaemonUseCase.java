package dev.omnivault.application.port.in;

/** Locks the vault and asks the daemon to shut down gracefully. */
public interface StopDaemonUseCase {

    void stop();
}
