package dev.omnivault.domain;

import java.time.Instant;
import java.util.List;

/** What a listing shows of a secret: never its value or field values. */
public record SecretSummary(
        SecretPath path, boolean hasValue, boolean hasFields, List<String> tagNames, Instant updatedAt) {

    public SecretSummary {
        tagNames = List.copyOf(tagNames);
    }
}
