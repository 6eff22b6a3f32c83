package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A secret's new content, and optionally the revision the secret must still be at for the write
 * to happen ({@code if_rev}; 0: that there is none). The values stay the caller's: it closes them
 * after the call.
 */
public record PutSecretCommand(
        SecretPath path,
        SecretValue value,
        Map<String, SecretValue> fields,
        Map<String, String> tags,
        OptionalLong ifRevision,
        Caller caller) {

    public PutSecretCommand {
        fields = Map.copyOf(fields);
        tags = Map.copyOf(tags);
    }

    /** An unconditional write: the last writer wins. */
    public PutSecretCommand(
            SecretPath path,
            SecretValue value,
            Map<String, SecretValue> fields,
            Map<String, String> tags,
            Caller caller) {
        this(path, value, fields, tags, OptionalLong.empty(), caller);
    }
}
