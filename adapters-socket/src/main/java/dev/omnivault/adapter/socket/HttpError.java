package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.RevisionConflictException;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.TeamException;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import dev.omnivault.protocol.ErrorCode;
import java.util.OptionalLong;

/**
 * The one mapping from a failure to the API's status, stable code and message (SPEC §3). Messages
 * of domain failures are written to be shown; anything unexpected becomes a bare 500 with no
 * detail, so no stack trace or secret can reach a response.
 */
public record HttpError(int status, ErrorCode code, String message, OptionalLong retryAfterSeconds) {

    public static HttpError of(Throwable failure) {
        return switch (failure) {
            case VaultException domain -> ofDomain(domain);
            case VaultStoreException storage -> ofStorage(storage);
            case HttpProblem problem -> plain(problem.status(), problem.code(), problem.getMessage());
            default -> plain(500, ErrorCode.INTERNAL_ERROR, "internal error");
        };
    }

    private static HttpError ofDomain(VaultException failure) {
        return switch (failure) {
            case InvalidInputException e -> plain(400, ErrorCode.INVALID_REQUEST, e.getMessage());
            case WrongPassphraseException e -> plain(401, ErrorCode.INVALID_PASSWORD, e.getMessage());
            case VaultLockedException e -> plain(403, ErrorCode.VAULT_LOCKED, e.getMessage());
            case VaultNotInitialisedException e -> plain(404, ErrorCode.VAULT_NOT_FOUND, e.getMessage());
            case SecretNotFoundException e -> plain(404, ErrorCode.SECRET_NOT_FOUND, e.getMessage());
            case VaultAlreadyExistsException e -> plain(409, ErrorCode.ALREADY_EXISTS, e.getMessage());
            case RevisionConflictException e -> plain(409, ErrorCode.CONFLICT, e.getMessage());
            case TeamException e ->
                switch (e.kind()) {
                    case MEMBER_EXISTS -> plain(409, ErrorCode.ALREADY_EXISTS, e.getMessage());
                    case NO_SUCH_MEMBER -> plain(404, ErrorCode.MEMBER_NOT_FOUND, e.getMessage());
                    case REFUSED -> plain(400, ErrorCode.INVALID_REQUEST, e.getMessage());
                };
            case TooManyAttemptsException e ->
                new HttpError(429, ErrorCode.TOO_MANY_ATTEMPTS, e.getMessage(), OptionalLong.of(e.retryAfterSeconds()));
        };
    }

    private static HttpError ofStorage(VaultStoreException failure) {
        return switch (failure.kind()) {
            case CORRUPTED -> plain(500, ErrorCode.VAULT_CORRUPTED, failure.getMessage());
            case IO_FAILURE -> plain(500, ErrorCode.INTERNAL_ERROR, failure.getMessage());
        };
    }

    private static HttpError plain(int status, ErrorCode code, String message) {
        return new HttpError(status, code, message, OptionalLong.empty());
    }
}
