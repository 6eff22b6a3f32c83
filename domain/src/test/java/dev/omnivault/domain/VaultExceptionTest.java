package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultExceptionTest {

    @Test
    void messages_areTheGoOriginals() {
        assertEquals("vault is locked", new VaultLockedException().getMessage());
        assertEquals("vault does not exist, run init first", new VaultNotInitialisedException().getMessage());
        assertEquals("secret not found", new SecretNotFoundException().getMessage());
        assertEquals("invalid password", new WrongPassphraseException().getMessage());
        assertEquals("vault already exists", new VaultAlreadyExistsException().getMessage());
    }

    @Test
    void expectedFailures_carryNoStackTrace() {
        for (VaultException failure :
                List.of(new VaultLockedException(), new InvalidInputException("x"), new SecretNotFoundException())) {
            assertEquals(0, failure.getStackTrace().length, failure.getClass().getSimpleName());
        }
    }

    @Test
    void tooManyAttempts_roundsTheWaitUpToWholeSeconds() {
        var exact = new TooManyAttemptsException(Duration.ofSeconds(4));
        assertEquals(4, exact.retryAfterSeconds());
        assertEquals(Duration.ofSeconds(4), exact.retryAfter());
        assertEquals("too many failed attempts, try again in 4s", exact.getMessage());
        assertEquals(5, new TooManyAttemptsException(Duration.ofMillis(4001)).retryAfterSeconds());
        assertEquals(1, new TooManyAttemptsException(Duration.ofNanos(1)).retryAfterSeconds());
    }
}
