package dev.omnivault.application.port.in;

/** Stores a secret, replacing any at the same path but keeping its creation instant. Resets the timer. */
public interface PutSecretUseCase {

    PutSecretResult put(PutSecretCommand command);
}
