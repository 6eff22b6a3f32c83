package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;

/** The Dagger graph, end to end on the in-memory store: one keeper shared by every use case. */
class DaemonComponentTest {

    private static final SecretPath PATH = SecretPath.of("database/password");
    private static final String VALUE = "s3cr3t-pg-pass";

    private final MutableClock clock = new MutableClock();
    private final Logger log = mock(Logger.class);
    private final AtomicInteger shutdowns = new AtomicInteger();
    private final DaemonComponent daemon = DaggerDaemonComponent.factory()
            .create(
                    clock,
                    DaemonSettings.inMemory(new AutoLockPolicy(Duration.ofMinutes(5), Duration.ZERO)),
                    shutdowns::incrementAndGet,
                    log);

    private void initAndStore() {
        try (var passphrase = Passphrase.adopt("correct horse battery".toCharArray())) {
            daemon.initVault().initialise(new InitVaultCommand(passphrase, Caller.of(10, 20)));
        }
        try (var value = SecretValue.ofText(VALUE)) {
            daemon.putSecret().put(new PutSecretCommand(PATH, value, Map.of(), Map.of(), Caller.of(10, 20)));
        }
    }

    @Test
    void useCases_shareOneVault() {
        initAndStore();
        try (Secret secret = daemon.getSecret().get(new GetSecretQuery(PATH, Caller.of(10, 20)))) {
            assertEquals(VALUE, secret.value().revealText());
        }
        assertEquals(1, daemon.listSecrets().list(new ListSecretsQuery("")).size());
        assertEquals(1, daemon.vaultStatus().status().secretCount());
    }

    @Test
    void autoLock_runsOnTheInjectedClock() {
        initAndStore();
        clock.advance(Duration.ofMinutes(5));
        assertTrue(daemon.vaultStatus().status().locked());
        assertThrows(
                VaultLockedException.class, () -> daemon.getSecret().get(new GetSecretQuery(PATH, Caller.unknown())));

        try (var passphrase = Passphrase.adopt("correct horse battery".toCharArray())) {
            assertInstanceOf(
                    UnlockResult.Unlocked.class,
                    daemon.unlockVault().unlock(new UnlockVaultCommand(passphrase, Caller.unknown())));
        }
        assertTrue(daemon.enforceAutoLock().enforce().isPresent());
    }

    @Test
    void stop_locksAndSignalsTheDaemon() {
        initAndStore();
        daemon.stopDaemon().stop();
        assertEquals(1, shutdowns.get());
        assertTrue(daemon.vaultStatus().status().locked());
    }

    @Test
    void auditLines_nameThePathAndCaller_butNeverTheValue() {
        initAndStore();
        daemon.getSecret().get(new GetSecretQuery(PATH, Caller.of(10, 20))).close();
        daemon.lockVault().lock();
        var lines = ArgumentCaptor.forClass(String.class);
        verify(log, atLeastOnce()).info(lines.capture());
        assertTrue(
                lines.getAllValues().contains("secret accessed path=database/password pid=10 uid=20"),
                lines.getAllValues().toString());
        assertTrue(
                lines.getAllValues().contains("vault locked"),
                lines.getAllValues().toString());
        for (String line : lines.getAllValues()) {
            assertFalse(line.contains(VALUE), line);
            assertFalse(line.contains("correct horse"), line);
        }
    }
}
