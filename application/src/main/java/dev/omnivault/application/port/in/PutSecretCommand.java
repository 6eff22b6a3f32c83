package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.util.Map;

/** A secret's new content. The values stay the caller's: it closes them after the call. */
public record PutSecretCommand(
        SecretPath path, SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags, Caller caller) {

    public PutSecretCommand {
        fields = Map.copyOf(fields);
        tags = Map.copyOf(tags);
    }
}
