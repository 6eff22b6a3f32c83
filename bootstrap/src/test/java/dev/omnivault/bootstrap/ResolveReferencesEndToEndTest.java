package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * References through a real daemon: {@code POST /resolve} answers every reference in order in one
 * request, a missing secret or field is a 404 naming it; {@code omnivault read} prints a value or a
 * field byte-exact, and exits 4 for a missing one.
 */
class ResolveReferencesEndToEndTest {

    @TempDir
    Path home;

    @Test
    void referencesResolve_inOneRequest_andReadPrintsThem() throws Exception {
        try (var daemon = DaemonProcess.start(home)) {
            var http = daemon.client();
            assertEquals(
                    200,
                    http.request("POST", "/init", "{\"password\":\"correct horse battery\"}")
                            .status());
            assertEquals(
                    200,
                    http.request(
                                    "PUT",
                                    "/secret/app/db",
                                    "{\"value\":\"line one\\nline two\",\"fields\":{\"user\":\"app\"}}")
                            .status());
            var both =
                    http.request("POST", "/resolve", "{\"refs\":[\"omnivault://app/db#user\",\"omnivault://app/db\"]}");
            assertEquals(200, both.status(), both.body());
            assertEquals("{\"values\":[\"app\",\"line one\\nline two\"]}", both.body());

            var noField = http.request("POST", "/resolve", "{\"refs\":[\"omnivault://app/db#password\"]}");
            assertEquals(404, noField.status());
            assertTrue(noField.body().contains("has no field 'password'"), noField.body());
            var bad = http.request("POST", "/resolve", "{\"refs\":[\"app/db\"]}");
            assertEquals(400, bad.status(), bad.body());

            var value = DaemonProcess.cli(home, "", "read", "omnivault://app/db", "-n");
            assertEquals(0, value.exitCode(), value.toString());
            assertEquals("line one\nline two", value.out());
            var field = DaemonProcess.cli(home, "", "read", "omnivault://app/db#user");
            assertEquals("app\n", field.out());
            var missing = DaemonProcess.cli(home, "", "read", "omnivault://app/gone");
            assertEquals(4, missing.exitCode(), missing.toString());
            assertEquals("Error: no secret at 'app/gone' (omnivault://app/gone)\n", missing.err());
            assertTrue(daemon.output().contains("secret accessed path=app/db"), daemon.output());
        }
    }
}
