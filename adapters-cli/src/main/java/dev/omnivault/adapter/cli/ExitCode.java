package dev.omnivault.adapter.cli;

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

/**
 * The CLI's exit codes (SPEC §8), and the one mapping from a failure to its code. The Go original
 * exits 1 for every error; ours stay non-zero but tell the cases apart.
 */
public enum ExitCode {
    OK(0),
    FAILURE(1),
    USAGE(2),
    VAULT_LOCKED(3),
    NOT_FOUND(4),
    WRONG_PASSWORD(5),
    ALREADY_EXISTS(6),
    DAEMON_NOT_RUNNING(7),
    THROTTLED(8),
    CONFLICT(9);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for a failure; anything that is not a domain outcome is a plain failure. */
    public static ExitCode of(Throwable failure) {
        if (!(failure instanceof VaultException domain)) {
            return FAILURE;
        }
        return switch (domain) {
            case InvalidInputException e -> USAGE;
            case VaultLockedException e -> VAULT_LOCKED;
            case VaultNotInitialisedException e -> NOT_FOUND;
            case SecretNotFoundException e -> NOT_FOUND;
            case WrongPassphraseException e -> WRONG_PASSWORD;
            case VaultAlreadyExistsException e -> ALREADY_EXISTS;
            case TooManyAttemptsException e -> THROTTLED;
            case RevisionConflictException e -> CONFLICT;
            case TeamException e ->
                switch (e.kind()) {
                    case MEMBER_EXISTS -> ALREADY_EXISTS;
                    case NO_SUCH_MEMBER -> NOT_FOUND;
                    case REFUSED -> USAGE;
                };
        };
    }
}
