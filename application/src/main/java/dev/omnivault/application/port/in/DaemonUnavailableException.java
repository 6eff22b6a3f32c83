package dev.omnivault.application.port.in;

/**
 * The use cases could not be reached: no daemon answers. Thrown by a client that implements the
 * driving ports over a transport; the CLI tells the user how to start the daemon.
 */
public final class DaemonUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DaemonUnavailableException(String message) {
        super(message, null, false, false);
    }

    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
