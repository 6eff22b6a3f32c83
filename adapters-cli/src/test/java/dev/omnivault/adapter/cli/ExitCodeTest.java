package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void codes_areTheSpecsNumbers() {
        assertEquals(0, ExitCode.OK.code());
        assertEquals(1, ExitCode.FAILURE.code());
        assertEquals(2, ExitCode.USAGE.code());
        assertEquals(3, ExitCode.VAULT_LOCKED.code());
        assertEquals(4, ExitCode.NOT_FOUND.code());
        assertEquals(5, ExitCode.WRONG_PASSWORD.code());
        assertEquals(6, ExitCode.ALREADY_EXISTS.code());
        assertEquals(7, ExitCode.DAEMON_NOT_RUNNING.code());
        assertEquals(8, ExitCode.THROTTLED.code());
    }

    @Test
    void everyDomainFailure_hasItsCode() {
        assertEquals(ExitCode.USAGE, ExitCode.of(new InvalidInputException("bad")));
        assertEquals(ExitCode.VAULT_LOCKED, ExitCode.of(new VaultLockedException()));
        assertEquals(ExitCode.NOT_FOUND, ExitCode.of(new VaultNotInitialisedException()));
        assertEquals(ExitCode.NOT_FOUND, ExitCode.of(new SecretNotFoundException()));
        assertEquals(ExitCode.WRONG_PASSWORD, ExitCode.of(new WrongPassphraseException()));
        assertEquals(ExitCode.ALREADY_EXISTS, ExitCode.of(new VaultAlreadyExistsException()));
        assertEquals(ExitCode.THROTTLED, ExitCode.of(new TooManyAttemptsException(Duration.ofSeconds(1))));
    }

    @Test
    void anythingElse_isAPlainFailure() {
        assertEquals(ExitCode.FAILURE, ExitCode.of(new UncheckedIOException(new IOException("broken pipe"))));
        assertEquals(ExitCode.FAILURE, ExitCode.of(new IllegalStateException()));
    }
}
