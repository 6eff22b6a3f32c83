package dev.omnivault.application.port.in;

/** Whether a put made a new secret or replaced one, and the revision the secret is now at. */
public sealed interface PutSecretResult {

    long revision();

    record Created(long revision) implements PutSecretResult {}

    record Replaced(long revision) implements PutSecretResult {}
}
