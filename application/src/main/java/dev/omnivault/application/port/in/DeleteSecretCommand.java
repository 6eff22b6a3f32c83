package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretPath;

/** Which secret to delete, and who asks. */
public record DeleteSecretCommand(SecretPath path, Caller caller) {}
