package dev.omnivault.application.port.in;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretPath;

/**
 * A plain-text path prefix (empty lists everything) and, for {@code find}, a text the secret's
 * path, one of its tag names or one of its tag values contains, case aside (empty: any).
 */
public record ListSecretsQuery(String prefix, String containing) {

    public ListSecretsQuery {
        checkPrefix(prefix);
        checkPrefix(containing);
    }

    public ListSecretsQuery(String prefix) {
        this(prefix, "");
    }

    /** A prefix is at most a path's length and holds no control character. */
    static void checkPrefix(String prefix) {
        if (prefix.length() > SecretPath.MAX_BYTES) {
            throw new InvalidInputException("prefix is longer than " + SecretPath.MAX_BYTES + " characters");
        }
        if (prefix.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("prefix contains a control character");
        }
    }

    public static ListSecretsQuery all() {
        return new ListSecretsQuery("");
    }
}
