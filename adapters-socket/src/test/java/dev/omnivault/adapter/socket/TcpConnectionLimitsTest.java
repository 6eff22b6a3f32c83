package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import dev.omnivault.adapter.socket.testing.MockedApi;
import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.testing.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loopback TCP against a flood from local processes: a head that is not complete within the
 * deadline loses its connection, and past the cap a new connection closes the one that waited
 * longest, so the owner's request is answered whatever the flood holds.
 */
class TcpConnectionLimitsTest {

    private static final String TOKEN = "f".repeat(64);
    private static final int CAP = 20;

    private final TcpConnectionLimits limits = new TcpConnectionLimits(CAP, Duration.ofSeconds(1));
    private DaemonHttpServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        var api = MockedApi.create();
        when(api.status().status())
                .thenReturn(new VaultStatus(false, true, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        server = DaemonHttpServer.onLoopbackTcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN.getBytes(StandardCharsets.US_ASCII),
                api,
                limits,
                new MutableClock());
        server.start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tcpPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private UnixHttpClient.Reply ownersStatus() throws Exception {
        return UnixHttpClient.rawTcp(
                address,
                "GET /status HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aHeadTrickledByteByByte_losesItsConnectionAtTheDeadline() throws Exception {
        try (var slow = new Socket()) {
            slow.connect(address, 1000);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            slow.setSoTimeout(10_000);
            byte[] head = "GET /status HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            boolean closed = false;
            // one byte every 200 ms would keep an idle timeout of 30 s at bay forever
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write(head[i % head.length]);
                    out.flush();
                    Thread.sleep(200);
                    closed = slow.getInputStream().available() < 0;
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            if (!closed) {
                closed = in.read() == -1; // the daemon closed it: end of stream
            }
            assertTrue(closed, "the connection outlived its head deadline");
        }
        assertEquals(200, ownersStatus().status());
    }

    @Test
    void pastTheCap_theLongestWaitingConnectionGoes_andTheOwnerIsStillServed() throws Exception {
        var flood = new ArrayList<Socket>();
        try {
            for (int i = 0; i < CAP * 3; i++) {
                var socket = new Socket();
                // past the kernel's accept queue a SYN is dropped and retried a second later
                socket.connect(address, 5000);
                socket.getOutputStream().write('G');
                flood.add(socket);
            }
            Thread.sleep(100); // let the server see every connection
            assertTrue(limits.openConnections() <= CAP, "open: " + limits.openConnections());
            var reply = ownersStatus();
            assertEquals(200, reply.status(), reply.body());
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }
}
