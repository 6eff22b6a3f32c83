package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.service.VaultKeeper;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;

/** The audit trail: log lines through SLF4J, naming the member who unlocked a team vault. */
@Module
interface AuditModule {

    @Provides
    @Singleton
    static AuditLog auditLog(@AuditLogger Logger logger, Provider<VaultKeeper> keeper) {
        // a provider: the keeper records to this log, and this log names the keeper's member
        return new LogAuditLog(logger, () -> keeper.get().member());
    }
}
