package dev.omnivault.domain;

import java.util.Objects;

/**
 * The closed set of failures the domain and the use cases report. Each edge maps every case to
 * one HTTP status and one exit code; a new case fails compilation at each exhaustive switch.
 * Messages never carry a secret value or passphrase.
 */
public abstract sealed class VaultException extends RuntimeException
        permits InvalidInputException,
                VaultLockedException,
                VaultNotInitialisedException,
                SecretNotFoundException,
                WrongPassphraseException,
                VaultAlreadyExistsException,
                TooManyAttemptsException,
                RevisionConflictException,
                TeamException {

    private static final long serialVersionUID = 1L;

    protected VaultException(String message) {
        // No stack trace to capture: these are expected outcomes reported to a user, not bugs.
        super(message, null, false, false);
    }

    /** Never null: every failure is constructed with a message meant for the user. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
