package dev.omnivault.application.port.in;

import dev.omnivault.domain.PasswordRecipe;
import dev.omnivault.domain.SecretPath;
import java.util.Optional;

/**
 * Make a password by {@code recipe} and, when {@code path} is given, store it there (with {@code
 * force}, over an existing secret's value, whose fields and tags stay); a stored password comes
 * back to the caller only with {@code reveal}.
 */
public record GeneratePasswordCommand(
        Optional<SecretPath> path, PasswordRecipe recipe, boolean force, boolean reveal, Caller caller) {}
