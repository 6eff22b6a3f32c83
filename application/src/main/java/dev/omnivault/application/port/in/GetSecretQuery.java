package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretPath;

/** Which secret to read, and who asks (for the audit line). */
public record GetSecretQuery(SecretPath path, Caller caller) {}
