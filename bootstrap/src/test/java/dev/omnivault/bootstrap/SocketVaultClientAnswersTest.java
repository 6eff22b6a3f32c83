package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.client.SocketVaultClient;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.domain.SecretSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers the client meets from daemons other than ours (the Go daemon, a proxy, something else
 * on the socket), each from a real Unix socket that sends them as they come: a chunked body is
 * read, anything that is not our API's JSON is a clear error.
 */
class SocketVaultClientAnswersTest {

    @TempDir
    Path dir;

    @Test
    void aChunkedList_asTheGoDaemonSendsTwentySecrets_isReadWhole() throws Exception {
        var json = new StringBuilder("{\"secrets\":[");
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"path\":\"app/s")
                    .append(i)
                    .append("\",\"has_value\":true,\"has_fields\":false,\"tags\":[\"env\"],")
                    .append("\"updated_at\":\"2025-06-01T09:31:00Z\"}");
        }
        json.append("],\"count\":20}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        var chunked = new ByteArrayOutputStream();
        chunked.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 300) {
            int size = Math.min(300, body.length - at);
            String sizeLine = Integer.toHexString(size) + (at == 0 ? ";note=first" : "") + "\r\n";
            chunked.writeBytes(sizeLine.getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, at, size);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        List<SecretSummary> listed = listAgainst(chunked.toByteArray());

        assertEquals(20, listed.size());
        assertEquals("app/s19", listed.get(19).path().value());
        assertEquals(List.of("env"), listed.getFirst().tagNames());
    }

    @Test
    void aMalformedChunkedAnswer_isAClearError() {
        for (String broken : List.of(
                "zz\r\n{}\r\n0\r\n\r\n", // not hex
                "10\r\n{}\r\n0\r\n\r\n", // shorter than announced
                "2\r\n{}", // cut before the end
                "")) {
            byte[] answer = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + broken)
                    .getBytes(StandardCharsets.US_ASCII);
            var failure = assertThrows(IllegalStateException.class, () -> listAgainst(answer), broken);
            assertEquals("the daemon sent a malformed chunked answer", failure.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotOurApisJson_saysWhatCame() {
        var proxy = assertThrows(
                IllegalStateException.class,
                () -> listAgainst(
                        bytes("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n"
                                + "<html>bad gate</html>")));
        assertTrue(
                proxy.getMessage().startsWith("the daemon answered HTTP 502 without an error of its API"),
                proxy.getMessage());
        var garbled = assertThrows(
                IllegalStateException.class,
                () -> listAgainst(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));
        assertEquals("the daemon's answer is not valid JSON", garbled.getMessage());
        var notHttp = assertThrows(IllegalStateException.class, () -> listAgainst(bytes("SSH-2.0-OpenSSH\r\n\r\n")));
        assertEquals("the daemon's answer is not HTTP", notHttp.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Runs {@code list} against a socket that answers {@code answer} to the first request, then closes. */
    private List<SecretSummary> listAgainst(byte[] answer) throws Exception {
        Path home = Files.createTempDirectory(
                dir, "home", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = home.resolve("omnivaultd.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (SocketChannel peer = server.accept()) {
                    readHead(peer);
                    peer.write(ByteBuffer.wrap(answer));
                } catch (IOException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            try {
                return SocketVaultClient.overUnixSocket(socket).list(new ListSecretsQuery(""));
            } finally {
                answered.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void readHead(SocketChannel peer) throws IOException {
        var head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            one.clear();
            if (peer.read(one) < 0) {
                return;
            }
            head.write(one.array()[0]);
        }
    }
}
