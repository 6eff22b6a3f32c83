package dev.omnivault.application.port.out;

/** Where the daemon's audit trail goes ("secret accessed path=…"). Never given a secret value. */
public interface AuditLog {

    void record(AuditEvent event);
}
