package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidSecretPathException;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import dev.omnivault.protocol.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HttpErrorTest {

    private static void assertMaps(Throwable failure, int status, String code) {
        HttpError error = HttpError.of(failure);
        assertEquals(status, error.status(), failure.getClass().getSimpleName());
        assertEquals(code, error.code().wire(), failure.getClass().getSimpleName());
    }

    @Test
    void domainFailures_mapToTheStatusesAndCodesOfTheSpec() {
        assertMaps(new InvalidSecretPathException("empty segment"), 400, "INVALID_REQUEST");
        assertMaps(new WrongPassphraseException(), 401, "INVALID_PASSWORD");
        assertMaps(new VaultLockedException(), 403, "VAULT_LOCKED");
        assertMaps(new VaultNotInitialisedException(), 404, "VAULT_NOT_FOUND");
        assertMaps(new SecretNotFoundException(), 404, "SECRET_NOT_FOUND");
        assertMaps(new VaultAlreadyExistsException(), 409, "ALREADY_EXISTS");
        assertMaps(new TooManyAttemptsException(Duration.ofSeconds(3)), 429, "TOO_MANY_ATTEMPTS");
    }

    @Test
    void domainFailures_keepTheirMessage() {
        assertEquals("vault is locked", HttpError.of(new VaultLockedException()).message());
        assertEquals(
                "invalid secret path: empty segment",
                HttpError.of(new InvalidSecretPathException("empty segment")).message());
    }

    @Test
    void throttling_carriesRetryAfterInWholeSeconds() {
        assertEquals(
                OptionalLong.of(3),
                HttpError.of(new TooManyAttemptsException(Duration.ofMillis(2001)))
                        .retryAfterSeconds());
        assertEquals(
                OptionalLong.empty(), HttpError.of(new VaultLockedException()).retryAfterSeconds());
    }

    @Test
    void storageFailures_are500_withTheirOwnCodes() {
        var corrupted = HttpError.of(new VaultStoreException(
                VaultStoreException.Kind.CORRUPTED, "vault file is corrupted or was tampered with: vault.enc"));
        assertEquals(
                new HttpError(
                        500,
                        ErrorCode.ofWire("VAULT_CORRUPTED").orElseThrow(),
                        "vault file is corrupted or was tampered with: vault.enc",
                        OptionalLong.empty()),
                corrupted);
        var io = HttpError.of(new VaultStoreException(
                VaultStoreException.Kind.IO_FAILURE,
                "could not write vault.enc: disk full",
                new IOException("ENOSPC")));
        assertEquals(500, io.status());
        assertEquals("INTERNAL_ERROR", io.code().wire());
        assertEquals("could not write vault.enc: disk full", io.message());
    }

    @Test
    void anythingElse_isABare500_thatSaysNothingOfTheCause() {
        HttpError error = HttpError.of(new IllegalStateException("key=0xDEADBEEF secret=hunter2"));
        assertEquals(
                new HttpError(
                        500, ErrorCode.ofWire("INTERNAL_ERROR").orElseThrow(), "internal error", OptionalLong.empty()),
                error);
        assertFalse(error.message().contains("hunter2"));
    }
}
