package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.omnivault.adapter.client.SocketVaultClient;
import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.adapter.socket.DaemonHttpServer;
import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.bootstrap.cli.CliMain;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.testing.MutableClock;
import dev.omnivault.platform.Platform;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over the TCP transport (SPEC §4): found through the token file, admitted by its token. */
class SocketVaultClientOverTcpTest {

    private static final String TOKEN = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path home;

    private final VaultStatusUseCase status = mock(VaultStatusUseCase.class);
    private final GetSecretUseCase get = mock(GetSecretUseCase.class);
    private DaemonHttpServer server;
    private Platform platform;

    @BeforeEach
    void start() throws Exception {
        server = DaemonHttpServer.onLoopbackTcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN.getBytes(StandardCharsets.US_ASCII),
                new DaemonApi(
                        status,
                        mock(InitVaultUseCase.class),
                        mock(UnlockVaultUseCase.class),
                        mock(LockVaultUseCase.class),
                        get,
                        mock(PutSecretUseCase.class),
                        mock(DeleteSecretUseCase.class),
                        mock(ListSecretsUseCase.class),
                        mock(ChangePassphraseUseCase.class),
                        mock(StopDaemonUseCase.class),
                        mock(dev.omnivault.application.port.in.ImportSecretsUseCase.class),
                        mock(dev.omnivault.application.port.in.ExportSecretsUseCase.class),
                        mock(dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase.class),
                        mock(dev.omnivault.application.port.in.ManageTeamUseCase.class),
                        mock(dev.omnivault.application.port.in.ResolveReferencesUseCase.class),
                        mock(dev.omnivault.application.port.in.GeneratePasswordUseCase.class),
                        mock(dev.omnivault.application.port.in.MoveSecretUseCase.class)),
                "7.7.7",
                new MutableClock());
        server.start();
        platform = Platform.forOs("Linux", Map.of(Platform.HOME_VARIABLE, home.toString()), "/nowhere");
        // What a TCP daemon leaves for its clients: the address and the token, each in its own file.
        Files.writeString(platform.addressFile(), "127.0.0.1:" + server.tcpPort() + "\n");
        Files.writeString(platform.tokenFile(), TOKEN);
        Files.setPosixFilePermissions(
                platform.tokenFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theTokenFile_sendsTheClientOverTcp_andItsTokenAdmitsIt() {
        when(status.status())
                .thenReturn(new VaultStatus(true, false, 4, Optional.empty(), Optional.empty(), Optional.empty()));
        when(get.get(any()))
                .thenReturn(Secret.create(
                        SecretPath.of("db/password"),
                        SecretValue.ofText("hunter2 ünïcode"),
                        Map.of(),
                        Map.of(),
                        Instant.parse("2026-01-01T00:00:00Z")));

        assertEquals(Platform.Transport.TCP, platform.clientTransport());
        var client = CliMain.client(platform);
        var daemon = client.daemonStatus();
        assertEquals("7.7.7", daemon.version());
        assertEquals(4, daemon.vault().secretCount());
        assertEquals(
                "hunter2 ünïcode",
                client.get(new GetSecretQuery(SecretPath.of("db/password"), Caller.unknown()))
                        .value()
                        .revealText());
    }

    @Test
    void aTokenTheDaemonDoesNotHold_failsItsChallenge_notAsIfNoDaemonRan() throws Exception {
        Files.writeString(platform.tokenFile(), "not-the-token");
        var refused = assertThrows(
                IllegalStateException.class, () -> CliMain.client(platform).daemonStatus());
        assertEquals(
                "the process answering on 127.0.0.1:" + server.tcpPort() + " is not this vault's daemon",
                refused.getMessage());
    }

    @Test
    void aTokenFileOthersCanRead_isNotUsed() throws Exception {
        Files.setPosixFilePermissions(
                platform.tokenFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        var refused = assertThrows(
                IllegalStateException.class, () -> CliMain.client(platform).daemonStatus());
        assertTrue(refused.getMessage().contains("is not a private file"), refused.getMessage());
    }

    /**
     * Another process holds the port the address file names (the daemon died, or another user
     * was first): it gets a challenge and nothing else, no token, no password, no value.
     */
    @Test
    void anImpostorOnThePort_learnsNeitherTheTokenNorThePassword() throws Exception {
        var received = new java.io.ByteArrayOutputStream();
        try (var impostor = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                while (!impostor.isClosed()) {
                    try (var peer = impostor.accept()) {
                        peer.setSoTimeout(2000);
                        byte[] buffer = new byte[65536];
                        int read = peer.getInputStream().read(buffer);
                        synchronized (received) {
                            received.write(buffer, 0, Math.max(read, 0));
                        }
                        String forged = "{\"proof\":\"" + "00".repeat(32) + "\"}";
                        peer.getOutputStream()
                                .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                                + forged.length() + "\r\n\r\n" + forged)
                                        .getBytes(StandardCharsets.US_ASCII));
                        peer.getInputStream().read(buffer); // whatever comes next is recorded too
                        synchronized (received) {
                            received.write(
                                    buffer, 0, Math.max(peer.getInputStream().available(), 0));
                        }
                    } catch (java.io.IOException gone) {
                        // next connection
                    }
                }
            });
            Files.writeString(platform.addressFile(), "127.0.0.1:" + impostor.getLocalPort() + "\n");
            var client = CliMain.client(platform);
            try (var password = dev.omnivault.domain.Passphrase.adopt("the master password".toCharArray())) {
                var refused = assertThrows(
                        IllegalStateException.class,
                        () -> client.unlock(
                                new dev.omnivault.application.port.in.UnlockVaultCommand(password, Caller.unknown())));
                assertEquals(
                        "the process answering on 127.0.0.1:" + impostor.getLocalPort() + " is not this vault's daemon",
                        refused.getMessage());
            }
        }
        String seen;
        synchronized (received) {
            seen = received.toString(StandardCharsets.ISO_8859_1);
        }
        assertTrue(seen.startsWith("GET /challenge?nonce="), seen);
        assertFalse(seen.contains(TOKEN), seen);
        assertFalse(seen.contains("Bearer"), seen);
        assertFalse(seen.contains("master password"), seen);
    }

    @Test
    void noTokenFile_orNobodyListening_meansNoDaemon() throws Exception {
        var noToken = SocketVaultClient.overLoopbackTcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tcpPort()), home.resolve("gone"));
        assertThrows(DaemonUnavailableException.class, noToken::daemonStatus);

        int port = server.tcpPort();
        server.close();
        var nobody = SocketVaultClient.overLoopbackTcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), platform.tokenFile());
        assertThrows(DaemonUnavailableException.class, nobody::daemonStatus);
    }
}
