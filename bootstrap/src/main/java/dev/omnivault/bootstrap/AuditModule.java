package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.application.port.out.AuditLog;
import jakarta.inject.Singleton;
import org.slf4j.Logger;

/** The audit trail: log lines through SLF4J. */
@Module
interface AuditModule {

    @Provides
    @Singleton
    static AuditLog auditLog(@AuditLogger Logger logger) {
        return new LogAuditLog(logger);
    }
}
