package dev.omnivault.application.service;

import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.ShutdownSignal;

/** Locks the vault (zeroing the key) before the daemon is told to shut down. */
public final class StopDaemonService implements StopDaemonUseCase {

    private final VaultKeeper keeper;
    private final ShutdownSignal shutdown;
    private final AuditLog audit;

    public StopDaemonService(VaultKeeper keeper, ShutdownSignal shutdown, AuditLog audit) {
        this.keeper = keeper;
        this.shutdown = shutdown;
        this.audit = audit;
    }

    @Override
    public void stop() {
        if (keeper.lockNow()) {
            audit.record(new AuditEvent.VaultLocked());
        }
        shutdown.requestShutdown();
    }
}
