package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.adapter.socket.testing.MockedApi;
import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.domain.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TCP transport (SPEC §4): loopback only, a bearer token on every request, no browsers. */
class LoopbackTcpTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private final DaemonApi api = MockedApi.create();
    private final VaultStatusUseCase status = api.status();
    private DaemonHttpServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        when(status.status())
                .thenReturn(new VaultStatus(false, true, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        server = DaemonHttpServer.onLoopbackTcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN.getBytes(StandardCharsets.US_ASCII),
                api,
                "9.9.9",
                new MutableClock());
        server.start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tcpPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private UnixHttpClient.Reply get(String... headers) throws Exception {
        return UnixHttpClient.rawTcp(
                address, "GET /status HTTP/1.1\r\n" + String.join("", headers) + "Connection: close\r\n\r\n");
    }

    @Test
    void theRightToken_isServed() throws Exception {
        var reply = get("Host: 127.0.0.1:" + server.tcpPort() + "\r\n", "Authorization: Bearer " + TOKEN + "\r\n");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().startsWith("{\"running\":true"));
        assertEquals(
                200,
                get("Host: localhost\r\n", "Authorization: Bearer " + TOKEN + "\r\n")
                        .status());
    }

    /** The daemon proves it holds the token, without one asked of the client, and only for a proper nonce. */
    @Test
    void theChallenge_isAnsweredWithAnHmacOfTheNonceUnderTheToken() throws Exception {
        String nonce = "ab".repeat(32);
        var reply = UnixHttpClient.rawTcp(
                address, "GET /challenge?nonce=" + nonce + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(200, reply.status(), reply.body());
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(TOKEN.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        mac.update("omnivault/daemon-proof/v1".getBytes(StandardCharsets.US_ASCII));
        String expected = java.util.HexFormat.of()
                .formatHex(mac.doFinal(java.util.HexFormat.of().parseHex(nonce)));
        assertEquals("{\"proof\":\"" + expected + "\"}", reply.body());

        for (String bad : List.of("", "?nonce=abc", "?nonce=" + "zz".repeat(32))) {
            var refused = UnixHttpClient.rawTcp(
                    address, "GET /challenge" + bad + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(400, refused.status(), bad + " -> " + refused.body());
        }
        var fromABrowser = UnixHttpClient.rawTcp(
                address,
                "GET /challenge?nonce=" + nonce
                        + " HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n");
        assertEquals(403, fromABrowser.status());
    }

    @Test
    void noTokenOrAWrongOne_is401() throws Exception {
        var none = get("Host: localhost\r\n");
        assertEquals(401, none.status());
        assertEquals("{\"error\":\"a valid bearer token is required\",\"code\":\"UNAUTHORIZED\"}", none.body());
        assertEquals(
                401,
                get("Host: localhost\r\n", "Authorization: Bearer " + TOKEN.substring(1) + "x\r\n")
                        .status());
        assertEquals(
                401,
                get("Host: localhost\r\n", "Authorization: Basic " + TOKEN + "\r\n")
                        .status());
        verify(status, never()).status();
    }

    @Test
    void aBrowserOrigin_orAForeignHost_is403_evenWithTheToken() throws Exception {
        var origin = get(
                "Host: localhost\r\n", "Origin: https://evil.example\r\n", "Authorization: Bearer " + TOKEN + "\r\n");
        assertEquals(403, origin.status());
        assertTrue(origin.body().contains("\"code\":\"FORBIDDEN\""));
        var rebinding = get("Host: evil.example:19839\r\n", "Authorization: Bearer " + TOKEN + "\r\n");
        assertEquals(403, rebinding.status());
        verify(status, never()).status();
    }

    @Test
    void aNonLoopbackAddress_isRefused() throws Exception {
        var refused = assertThrows(
                IllegalArgumentException.class,
                () -> DaemonHttpServer.onLoopbackTcp(
                        new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 19839),
                        new byte[1],
                        null,
                        "x",
                        new MutableClock()));
        assertTrue(refused.getMessage().contains("loopback only"), refused.getMessage());
    }
}
