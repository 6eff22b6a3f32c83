package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.adapter.client.SocketVaultClient;
import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.WrongPassphraseException;
import dev.omnivault.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's codec against the real server: each port round-trips, each error comes back as itself. */
class SocketVaultClientTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final VaultStatusUseCase status = mock(VaultStatusUseCase.class);
    private final InitVaultUseCase init = mock(InitVaultUseCase.class);
    private final UnlockVaultUseCase unlock = mock(UnlockVaultUseCase.class);
    private final LockVaultUseCase lock = mock(LockVaultUseCase.class);
    private final GetSecretUseCase get = mock(GetSecretUseCase.class);
    private final PutSecretUseCase put = mock(PutSecretUseCase.class);
    private final DeleteSecretUseCase delete = mock(DeleteSecretUseCase.class);
    private final ListSecretsUseCase list = mock(ListSecretsUseCase.class);
    private final ChangePassphraseUseCase change = mock(ChangePassphraseUseCase.class);
    private final StopDaemonUseCase stop = mock(StopDaemonUseCase.class);
    private final dev.omnivault.application.port.in.ImportSecretsUseCase importer =
            mock(dev.omnivault.application.port.in.ImportSecretsUseCase.class);
    private final dev.omnivault.application.port.in.ExportSecretsUseCase exporter =
            mock(dev.omnivault.application.port.in.ExportSecretsUseCase.class);
    private final dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase forget =
            mock(dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase.class);
    private final dev.omnivault.application.port.in.ManageTeamUseCase team =
            mock(dev.omnivault.application.port.in.ManageTeamUseCase.class);
    private final dev.omnivault.application.port.in.ResolveReferencesUseCase resolver =
            mock(dev.omnivault.application.port.in.ResolveReferencesUseCase.class);
    private final dev.omnivault.application.port.in.GeneratePasswordUseCase generator =
            mock(dev.omnivault.application.port.in.GeneratePasswordUseCase.class);
    private final dev.omnivault.application.port.in.MoveSecretUseCase mover =
            mock(dev.omnivault.application.port.in.MoveSecretUseCase.class);
    private DaemonHttpServer server;
    private SocketVaultClient client;

    @BeforeEach
    void start() throws Exception {
        Path socket = dir.resolve("omnivaultd.sock");
        server = DaemonHttpServer.onUnixSocket(
                socket,
                new DaemonApi(
                        status, init, unlock, lock, get, put, delete, list, change, stop, importer, exporter, forget,
                        team, resolver, generator, mover),
                DaemonHttpServer.currentUid(),
                "1.2.3",
                clock);
        server.start();
        client = SocketVaultClient.overUnixSocket(socket);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private static Passphrase passphrase(String text) {
        return Passphrase.adopt(text.toCharArray());
    }

    /**
     * Building and starting the HTTP server builds no platform MBean server (Jetty would, to learn
     * the JVM's reference size: ~150 ms of the daemon's start and JFR's classes, see
     * {@code DaemonHttpServer}). Asked through {@link MBeanServerFactory#findMBeanServer}, which
     * only lists the servers there are.
     */
    @Test
    void theServer_buildsNoPlatformMBeanServer() {
        assertEquals(List.of(), MBeanServerFactory.findMBeanServer(null));
    }

    @Test
    void status_roundTrips_withUptimeAndVersion() {
        Instant at = clock.instant();
        when(status.status())
                .thenReturn(new VaultStatus(
                        true, false, 3, Optional.of(at), Optional.of(at.plusSeconds(900)), Optional.empty()));
        clock.advance(Duration.ofSeconds(75));
        var daemon = client.daemonStatus();
        assertEquals(
                new VaultStatus(true, false, 3, Optional.of(at), Optional.of(at.plusSeconds(900)), Optional.empty()),
                daemon.vault());
        assertEquals(Duration.ofSeconds(75), daemon.uptime());
        assertEquals("1.2.3", daemon.version());
    }

    /** Paths of any text travel percent-encoded and arrive as they were, for every operation on one secret. */
    @Test
    void pathsWithSpacesQueryAndFragmentCharactersAndNonAscii_arriveIntact() {
        for (String text :
                List.of("has space/x", "query?x&y=z", "hash#frag", "grüße/😀", "a+b=c", "semi;colon", "~!()*,")) {
            var path = SecretPath.of(text);
            var seen = new AtomicReference<SecretPath>();
            org.mockito.Mockito.doAnswer(invocation -> {
                        seen.set(((GetSecretQuery) invocation.getArgument(0)).path());
                        return Secret.create(path, SecretValue.ofText("v"), Map.of(), Map.of(), clock.instant());
                    })
                    .when(get)
                    .get(any());
            try (Secret got = client.get(new GetSecretQuery(path, Caller.unknown()))) {
                assertEquals(path, got.path());
            }
            assertEquals(path, seen.get(), text);
            client.delete(new DeleteSecretCommand(path, Caller.unknown()));
            verify(delete)
                    .delete(org.mockito.ArgumentMatchers.argThat(
                            command -> command.path().equals(path)));
        }
    }

    @Test
    void passwords_travelIntact_andResultsComeBack() {
        var seen = new AtomicReference<String>();
        when(unlock.unlock(any())).thenAnswer(invocation -> {
            seen.set(new String(((UnlockVaultCommand) invocation.getArgument(0))
                    .passphrase()
                    .revealChars()));
            return new UnlockResult.AlreadyUnlocked();
        });
        try (var passphrase = passphrase("pässwörd \"quoted\" ✓")) {
            assertInstanceOf(
                    UnlockResult.AlreadyUnlocked.class,
                    client.unlock(new UnlockVaultCommand(passphrase, Caller.unknown())));
            client.initialise(new InitVaultCommand(passphrase, Caller.unknown()));
        }
        assertEquals("pässwörd \"quoted\" ✓", seen.get());
        verify(init).initialise(any());
    }

    @Test
    void secrets_roundTrip() {
        Secret stored = Secret.restore(
                SecretPath.of("db/main"),
                SecretValue.ofText("multi\nline ✓"),
                Map.of("user", SecretValue.ofText("app")),
                Map.of("env", "prod"),
                Instant.parse("2025-06-01T09:31:00Z"),
                Instant.parse("2025-06-02T10:00:00Z"));
        when(get.get(any())).thenReturn(stored);
        try (Secret got = client.get(new GetSecretQuery(SecretPath.of("db/main"), Caller.unknown()))) {
            assertEquals("multi\nline ✓", got.value().revealText());
            assertEquals("app", got.fields().get("user").revealText());
            assertEquals(Map.of("env", "prod"), got.tags());
            assertEquals(stored.createdAt(), got.createdAt());
            assertEquals(stored.updatedAt(), got.updatedAt());
        }

        var sent = new AtomicReference<String>();
        when(put.put(any())).thenAnswer(invocation -> {
            PutSecretCommand command = invocation.getArgument(0);
            sent.set(command.path() + "|" + command.value().revealText() + "|"
                    + command.fields().get("user").revealText() + "|" + command.tags());
            return new PutSecretResult.Created(1);
        });
        client.put(new PutSecretCommand(
                SecretPath.of("db/main"),
                SecretValue.ofText("v ✓"),
                Map.of("user", SecretValue.ofText("app")),
                Map.of("env", "prod"),
                Caller.unknown()));
        assertEquals("db/main|v ✓|app|{env=prod}", sent.get());

        when(list.list(new ListSecretsQuery("db/")))
                .thenReturn(List.of(new SecretSummary(
                        SecretPath.of("db/main"), true, true, List.of("env"), Instant.parse("2025-06-02T10:00:00Z"))));
        assertEquals(
                List.of(new SecretSummary(
                        SecretPath.of("db/main"), true, true, List.of("env"), Instant.parse("2025-06-02T10:00:00Z"))),
                client.list(new ListSecretsQuery("db/")));

        client.delete(new DeleteSecretCommand(SecretPath.of("db/main"), Caller.unknown()));
        verify(delete).delete(any());
        client.lock();
        verify(lock).lock();
        try (var old = passphrase("old passphrase");
                var neu = passphrase("new passphrase")) {
            client.changePassphrase(new ChangePassphraseCommand(old, neu, Caller.unknown()));
        }
        verify(change).changePassphrase(any());
    }

    @Test
    void daemonErrors_comeBackAsTheSameExceptions() {
        doThrow(new VaultLockedException()).when(get).get(any());
        assertThrows(
                VaultLockedException.class, () -> client.get(new GetSecretQuery(SecretPath.of("a"), Caller.unknown())));
        doThrow(new SecretNotFoundException()).when(delete).delete(any());
        assertThrows(
                SecretNotFoundException.class,
                () -> client.delete(new DeleteSecretCommand(SecretPath.of("a"), Caller.unknown())));
        when(unlock.unlock(any())).thenThrow(new WrongPassphraseException());
        try (var passphrase = passphrase("whatever!")) {
            assertThrows(
                    WrongPassphraseException.class,
                    () -> client.unlock(new UnlockVaultCommand(passphrase, Caller.unknown())));
            doThrow(new TooManyAttemptsException(Duration.ofSeconds(4)))
                    .when(unlock)
                    .unlock(any());
            var throttled = assertThrows(
                    TooManyAttemptsException.class,
                    () -> client.unlock(new UnlockVaultCommand(passphrase, Caller.unknown())));
            assertEquals(4, throttled.retryAfterSeconds());
        }
    }

    @Test
    void noDaemon_isDaemonUnavailable() throws Exception {
        server.close();
        var refused = assertThrows(DaemonUnavailableException.class, client::daemonStatus);
        assertTrue(refused.getMessage().contains("omnivaultd.sock"), refused.getMessage());
        assertThrows(
                DaemonUnavailableException.class,
                () -> SocketVaultClient.overUnixSocket(dir.resolve("nothing.sock"))
                        .status());
    }

    @Test
    void generateMoveAndFind_roundTrip_andAStoredPasswordComesBackOnlyWhenAskedFor() {
        var commands =
                org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.GeneratePasswordCommand.class);
        when(generator.generate(commands.capture())).thenAnswer(call -> {
            var command = call.<dev.omnivault.application.port.in.GeneratePasswordCommand>getArgument(0);
            boolean back = command.path().isEmpty() || command.reveal();
            return new dev.omnivault.application.port.in.GeneratePasswordUseCase.Generated(
                    back ? SecretValue.ofText("G3n-\"x\"") : SecretValue.empty(),
                    command.path().isPresent() ? 7 : 0);
        });
        var recipe = new dev.omnivault.domain.PasswordRecipe(32, false, 0);
        try (var unstored = client.generate(new dev.omnivault.application.port.in.GeneratePasswordCommand(
                java.util.Optional.empty(), recipe, false, false, Caller.unknown()))) {
            assertEquals("G3n-\"x\"", unstored.value().revealText());
            assertEquals(0, unstored.revision());
        }
        assertEquals(recipe, commands.getValue().recipe());
        try (var stored = client.generate(new dev.omnivault.application.port.in.GeneratePasswordCommand(
                java.util.Optional.of(SecretPath.of("db/pw")),
                new dev.omnivault.domain.PasswordRecipe(24, true, 5),
                true,
                false,
                Caller.unknown()))) {
            assertTrue(stored.value().isEmpty(), "a stored password stays in the daemon");
            assertEquals(7, stored.revision());
        }
        assertEquals(
                java.util.Optional.of(SecretPath.of("db/pw")),
                commands.getValue().path());
        assertEquals(5, commands.getValue().recipe().words());
        assertTrue(commands.getValue().force());

        var moves = org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.MoveSecretCommand.class);
        when(mover.move(moves.capture())).thenReturn(12L);
        assertEquals(
                12L,
                client.move(new dev.omnivault.application.port.in.MoveSecretCommand(
                        SecretPath.of("a/b c"), SecretPath.of("d/é"), true, false, Caller.unknown())));
        assertEquals(SecretPath.of("a/b c"), moves.getValue().from());
        assertEquals(SecretPath.of("d/é"), moves.getValue().to());
        assertTrue(moves.getValue().copy());

        when(list.list(new ListSecretsQuery("app/", "Prod & co"))).thenReturn(List.of());
        assertEquals(List.of(), client.list(new ListSecretsQuery("app/", "Prod & co")));
        verify(list).list(new ListSecretsQuery("app/", "Prod & co"));
    }
}
