package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.omnivault.adapter.socket.LogAuditLog;
import dev.omnivault.application.port.out.AuditLog;
import jakarta.inject.Singleton;
import java.io.PrintStream;

/** The audit trail: log lines on the daemon's output. */
@Module
interface AuditModule {

    @Provides
    @Singleton
    static AuditLog auditLog(@AuditOutput PrintStream output) {
        return new LogAuditLog(output);
    }
}
