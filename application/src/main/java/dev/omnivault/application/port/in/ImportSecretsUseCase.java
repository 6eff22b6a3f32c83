package dev.omnivault.application.port.in;

/**
 * Stores many secrets in one durable write: all of them, or none when the write fails. A secret
 * replaces any at its path but keeps its creation instant, as a put does. Resets the timer.
 */
public interface ImportSecretsUseCase {

    ImportResult importAll(ImportSecretsCommand command);
}
