package dev.omnivault.bootstrap;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The logger the daemon's audit lines go to. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface AuditLogger {}
