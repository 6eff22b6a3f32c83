package dev.omnivault.application.port.in;

/** What a client can learn about a running daemon: its vault's status, uptime and version. */
public interface DaemonStatusUseCase {

    /**
     * Asks the daemon.
     *
     * @throws DaemonUnavailableException if no daemon answers
     */
    DaemonStatus daemonStatus();
}
