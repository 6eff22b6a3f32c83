package dev.omnivault.adapter.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.adapter.socket.testing.MockedApi;
import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** {@code POST /import} and {@code GET /export}: many secrets in one request. */
class BulkEndpointsTest {

    @TempDir
    Path dir;

    private final DaemonApi api = MockedApi.create();
    private final ImportSecretsUseCase importer = api.importer();
    private final ExportSecretsUseCase exporter = api.exporter();
    private DaemonHttpServer server;
    private UnixHttpClient client;

    @BeforeEach
    void start() throws Exception {
        Path socket = dir.resolve("d.sock");
        server = DaemonHttpServer.onUnixSocket(socket, api, DaemonHttpServer.currentUid(), "9.9.9", new MutableClock());
        server.start();
        client = new UnixHttpClient(socket);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void import_passesEverySecretInOneCall_andSaysWhatItDid() throws Exception {
        var seen = new AtomicReference<String>();
        when(importer.importAll(any())).thenAnswer(invocation -> {
            ImportSecretsCommand command = invocation.getArgument(0);
            var text = new StringBuilder();
            command.secrets()
                    .forEach(s -> text.append(s.path().value())
                            .append('=')
                            .append(s.value().revealText())
                            .append(
                                    s.fields().isEmpty()
                                            ? ""
                                            : "+" + s.fields().get("user").revealText())
                            .append(s.tags())
                            .append(';'));
            seen.set(text.toString());
            return new ImportResult(1, 1);
        });
        var reply = client.request(
                "POST",
                "/import",
                "{\"secrets\":[{\"path\":\"app/a\",\"value\":\"1\",\"fields\":{\"user\":\"u\"},\"tags\":{\"env\":\"x\"},"
                        + "\"created_at\":\"2020-01-01T00:00:00Z\"},{\"path\":\"app/b\",\"value\":\"2\"}]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(
                "{\"success\":true,\"message\":\"imported 2 secrets (1 new, 1 replaced)\",\"created\":1,\"replaced\":1}",
                reply.body());
        assertEquals("app/a=1+u{env=x};app/b=2{};", seen.get());
    }

    @Test
    void import_ofABadPathOrShape_is400_andImportsNothing() throws Exception {
        for (String body : List.of(
                "{\"secrets\":[{\"path\":\"ok\",\"value\":\"1\"},{\"path\":\"../etc\",\"value\":\"2\"}]}",
                "{\"secrets\":[{\"value\":\"no path\"}]}",
                "{\"secrets\":{\"path\":\"a\"}}",
                "{\"secrets\":[{\"path\":\"a\"},{\"path\":\"a\"}]}",
                "{}",
                "[]")) {
            var reply = client.request("POST", "/import", body);
            assertEquals(400, reply.status(), body + " -> " + reply.body());
            assertTrue(reply.body().contains("INVALID_REQUEST"), reply.body());
        }
        verify(importer, never()).importAll(any());
        assertEquals(405, client.request("GET", "/import", "").status());
    }

    @Test
    void import_takesBodiesOver1MiB_upTo64() throws Exception {
        when(importer.importAll(any())).thenReturn(new ImportResult(20_000, 0));
        var body = new StringBuilder("{\"secrets\":[");
        for (int i = 0; i < 20_000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"path\":\"bulk/s")
                    .append(i)
                    .append("\",\"value\":\"")
                    .append("v".repeat(40))
                    .append("\"}");
        }
        body.append("]}");
        assertTrue(body.length() > 1024 * 1024);
        var reply = client.request("POST", "/import", body.toString());
        assertEquals(200, reply.status(), reply.body());
        var command = ArgumentCaptor.forClass(ImportSecretsCommand.class);
        verify(importer).importAll(command.capture());
        assertEquals(20_000, command.getValue().secrets().size());

        var declaredTooLarge =
                client.rawAllowingEarlyAnswer(("POST /import HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                                + (65L * 1024 * 1024) + "\r\nConnection: close\r\n\r\n{")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(413, declaredTooLarge.status());
        assertTrue(declaredTooLarge.body().contains("larger than 64 MiB"), declaredTooLarge.body());
    }

    private static Secret secret(String path, String value) {
        return Secret.create(
                SecretPath.of(path),
                SecretValue.ofText(value),
                Map.of("user", SecretValue.ofText("u-" + value)),
                Map.of("env", "prod"),
                Instant.parse("2025-06-01T09:32:00Z"));
    }

    @Test
    void export_withValues_writesTheSecretShape_andWithoutThem_onlyNames() throws Exception {
        when(exporter.export(any())).thenAnswer(invocation -> List.of(secret("app/a", "1"), secret("app/b", "2")));

        var withValues = client.get("/export?prefix=app/&values=true");
        assertEquals(
                "{\"secrets\":[{\"path\":\"app/a\",\"value\":\"1\",\"fields\":{\"user\":\"u-1\"},\"tags\":{\"env\":\"prod\"},"
                        + "\"created_at\":\"2025-06-01T09:32:00Z\",\"updated_at\":\"2025-06-01T09:32:00Z\"},"
                        + "{\"path\":\"app/b\",\"value\":\"2\",\"fields\":{\"user\":\"u-2\"},\"tags\":{\"env\":\"prod\"},"
                        + "\"created_at\":\"2025-06-01T09:32:00Z\",\"updated_at\":\"2025-06-01T09:32:00Z\"}],\"count\":2}",
                withValues.body());
        var query = ArgumentCaptor.forClass(ExportSecretsQuery.class);
        verify(exporter).export(query.capture());
        assertEquals("app/", query.getValue().prefix());

        var namesOnly = client.get("/export");
        assertEquals(200, namesOnly.status());
        assertTrue(
                namesOnly
                        .body()
                        .startsWith("{\"secrets\":[{\"path\":\"app/a\",\"has_value\":true,"
                                + "\"field_names\":[\"user\"],\"tags\":{\"env\":\"prod\"}"),
                namesOnly.body());
        assertTrue(!namesOnly.body().contains("u-1") && !namesOnly.body().contains("\"value\""), namesOnly.body());

        assertEquals(400, client.get("/export?values=yes").status());
    }
}
