package dev.omnivault.application.port.in;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretReference;
import java.util.List;

/** References to resolve at once, in order (at most {@link #MAX_REFERENCES}), and who asks. */
public record ResolveReferencesQuery(List<SecretReference> references, Caller caller) {

    public static final int MAX_REFERENCES = 10_000;

    public ResolveReferencesQuery {
        references = List.copyOf(references);
        if (references.size() > MAX_REFERENCES) {
            throw new InvalidInputException("at most " + MAX_REFERENCES + " references are resolved at once");
        }
    }
}
