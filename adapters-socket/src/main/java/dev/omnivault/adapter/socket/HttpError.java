package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import java.util.OptionalLong;

/**
 * The one mapping from a failure to the API's status, stable code and message (SPEC §3). Messages
 * of domain failures are written to be shown; anything unexpected becomes a bare 500 with no
 * detail, so no stack trace or secret can reach a response.
 */
public record HttpError(int status, String code, String message, OptionalLong retryAfterSeconds) {

    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String INVALID_PASSWORD = "INVALID_PASSWORD";
    public static final String VAULT_LOCKED = "VAULT_LOCKED";
    public static final String VAULT_NOT_FOUND = "VAULT_NOT_FOUND";
    public static final String SECRET_NOT_FOUND = "SECRET_NOT_FOUND";
    public static final String ALREADY_EXISTS = "ALREADY_EXISTS";
    public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
    public static final String VAULT_CORRUPTED = "VAULT_CORRUPTED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";

    public static HttpError of(Throwable failure) {
        return switch (failure) {
            case VaultException domain -> ofDomain(domain);
            case VaultStoreException storage -> ofStorage(storage);
            case HttpProblem problem -> plain(problem.status(), problem.code(), problem.getMessage());
            default -> plain(500, INTERNAL_ERROR, "internal error");
        };
    }

    private static HttpError ofDomain(VaultException failure) {
        return switch (failure) {
            case InvalidInputException e -> plain(400, INVALID_REQUEST, e.getMessage());
            case WrongPassphraseException e -> plain(401, INVALID_PASSWORD, e.getMessage());
            case VaultLockedException e -> plain(403, VAULT_LOCKED, e.getMessage());
            case VaultNotInitialisedException e -> plain(404, VAULT_NOT_FOUND, e.getMessage());
            case SecretNotFoundException e -> plain(404, SECRET_NOT_FOUND, e.getMessage());
            case VaultAlreadyExistsException e -> plain(409, ALREADY_EXISTS, e.getMessage());
            case TooManyAttemptsException e ->
                new HttpError(429, TOO_MANY_ATTEMPTS, e.getMessage(), OptionalLong.of(e.retryAfterSeconds()));
        };
    }

    private static HttpError ofStorage(VaultStoreException failure) {
        return switch (failure.kind()) {
            case CORRUPTED -> plain(500, VAULT_CORRUPTED, failure.getMessage());
            case IO_FAILURE -> plain(500, INTERNAL_ERROR, failure.getMessage());
        };
    }

    private static HttpError plain(int status, String code, String message) {
        return new HttpError(status, code, message, OptionalLong.empty());
    }
}
