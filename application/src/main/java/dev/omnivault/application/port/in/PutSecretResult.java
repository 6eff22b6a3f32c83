package dev.omnivault.application.port.in;

/** Whether a put made a new secret or replaced one. */
public sealed interface PutSecretResult {

    record Created() implements PutSecretResult {}

    record Replaced() implements PutSecretResult {}
}
