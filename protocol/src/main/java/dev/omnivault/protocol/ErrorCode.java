package dev.omnivault.protocol;

import java.util.Optional;

/**
 * The stable codes of the API's error answers ({@code {"error": …, "code": …}}, SPEC §3), as they
 * travel: the constant's name is the wire form. The daemon chooses one per failure; the client
 * turns each back into the failure it stands for.
 */
public enum ErrorCode {
    INVALID_REQUEST,
    INVALID_PASSWORD,
    VAULT_LOCKED,
    VAULT_NOT_FOUND,
    SECRET_NOT_FOUND,
    MEMBER_NOT_FOUND,
    ALREADY_EXISTS,
    CONFLICT,
    TOO_MANY_ATTEMPTS,
    VAULT_CORRUPTED,
    INTERNAL_ERROR,
    FORBIDDEN,
    UNAUTHORIZED,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    BODY_TOO_LARGE;

    /** The code as it is written in an answer. */
    public String wire() {
        return name();
    }

    /** The code an answer names, or empty for one this version does not know (or none). */
    public static Optional<ErrorCode> ofWire(String code) {
        for (ErrorCode known : values()) {
            if (known.wire().equals(code)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
