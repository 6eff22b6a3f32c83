package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real daemon, the real file store, every endpoint and every error code over the socket, in
 * the order a user meets them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonApiEndToEndTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String VALUE = "s3cr3t-pg-pass";

    @TempDir
    static Path dir;

    private static DaemonProcess daemon;
    private static UnixHttpClient client;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(dir.resolve("home"));
        client = daemon.client();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    /** curl over the daemon's socket; prints the body, then a space and the status code. */
    private static String curl(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(
                "curl",
                "-s",
                "-w",
                " %{http_code}",
                "--unix-socket",
                daemon.socket().toString()));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        return answer;
    }

    private static void assertReply(UnixHttpClient.Reply reply, int status, String body) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(body, reply.body());
    }

    @Test
    @Order(1)
    void beforeInit_theVaultDoesNotExist() throws Exception {
        var status = client.get("/status");
        assertEquals(200, status.status());
        assertTrue(
                status.body()
                        .startsWith(
                                "{\"running\":true,\"locked\":true,\"vault_exists\":false,\"secret_count\":0,\"uptime\":\""),
                status.body());
        assertReply(
                client.request("POST", "/unlock", "{\"password\":\"" + PASSWORD + "\"}"),
                404,
                "{\"error\":\"vault does not exist, run init first\",\"code\":\"VAULT_NOT_FOUND\"}");
        assertReply(
                client.get("/secret/a/b"),
                404,
                "{\"error\":\"vault does not exist, run init first\",\"code\":\"VAULT_NOT_FOUND\"}");
    }

    @Test
    @Order(2)
    void init_createsTheVaultUnlocked_andRefusesASecondTime() throws Exception {
        assertReply(
                client.request("POST", "/init", "{\"password\":\"short\"}"),
                400,
                "{\"error\":\"password must be at least 8 characters\",\"code\":\"INVALID_REQUEST\"}");
        assertReply(
                client.request("POST", "/init", "{\"password\":\"" + PASSWORD + "\"}"),
                200,
                "{\"success\":true,\"message\":\"vault initialized\"}");
        assertReply(
                client.request("POST", "/init", "{\"password\":\"" + PASSWORD + "\"}"),
                409,
                "{\"error\":\"vault already exists\",\"code\":\"ALREADY_EXISTS\"}");
        assertTrue(client.get("/status").body().contains("\"locked\":false"));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.home.resolve("vault.meta"))));
    }

    /** The revision at the end of {@code body}, which begins with {@code start}. */
    private static long revisionIn(String body, String start) {
        assertTrue(body.startsWith(start) && body.endsWith("}"), body);
        return Long.parseLong(body.substring(start.length(), body.length() - 1));
    }

    @Test
    @Order(3)
    void secrets_roundTrip() throws Exception {
        var first = client.request(
                "PUT",
                "/secret/database/password",
                "{\"value\":\"" + VALUE + "\",\"fields\":{\"user\":\"app\"},\"tags\":{\"env\":\"prod\"}}");
        assertEquals(200, first.status(), first.body());
        long firstRevision = revisionIn(first.body(), "{\"success\":true,\"message\":\"secret saved\",\"rev\":");
        var second = client.request("PUT", "/secret/api/key", "{\"value\":\"ak_live\"}");
        long secondRevision = revisionIn(second.body(), "{\"success\":true,\"message\":\"secret saved\",\"rev\":");
        assertTrue(secondRevision > firstRevision, secondRevision + " after " + firstRevision);
        // a write conditional on a revision: refused over another, taken over its own
        assertReply(
                client.request(
                        "PUT", "/secret/database/password", "{\"value\":\"lost\",\"if_rev\":" + secondRevision + "}"),
                409,
                "{\"error\":\"the secret was changed by someone else since revision " + secondRevision
                        + "\",\"code\":\"CONFLICT\"}");
        assertReply(
                client.request("PUT", "/secret/api/key", "{\"value\":\"lost\",\"if_rev\":0}"),
                409,
                "{\"error\":\"the secret was created by someone else meanwhile (it did not exist when asked)\","
                        + "\"code\":\"CONFLICT\"}");
        var over =
                client.request("PUT", "/secret/api/key", "{\"value\":\"ak_live\",\"if_rev\":" + secondRevision + "}");
        assertEquals(200, over.status(), over.body());
        assertTrue(client.get("/secret/api/key")
                .body()
                .endsWith(",\"rev\":"
                        + revisionIn(over.body(), "{\"success\":true,\"message\":\"secret saved\",\"rev\":") + "}"));
        assertTrue(
                client.get("/secret/database/password").body().endsWith(",\"rev\":" + firstRevision + "}"),
                "the refused write wrote nothing");
        var secret = client.get("/secret/database/password");
        assertEquals(200, secret.status());
        assertTrue(
                secret.body()
                        .startsWith("{\"path\":\"database/password\",\"value\":\"" + VALUE
                                + "\",\"fields\":{\"user\":\"app\"},\"tags\":{\"env\":\"prod\"},\"created_at\":\""),
                secret.body());
        var list = client.get("/secrets?prefix=data");
        assertTrue(
                list.body()
                        .startsWith(
                                "{\"secrets\":[{\"path\":\"database/password\",\"has_value\":true,\"has_fields\":true,\"tags\":[\"env\"],"),
                list.body());
        assertTrue(list.body().endsWith("\"count\":1}"), list.body());
        assertTrue(client.get("/secrets").body().endsWith("\"count\":2}"));
        assertTrue(client.get("/status").body().contains("\"secret_count\":2"));
    }

    @Test
    @Order(4)
    void badRequests_getTheirCodes_andWriteNothing() throws Exception {
        assertEquals(
                400,
                client.request("PUT", "/secret/a/../b", "{\"value\":\"x\"}").status());
        assertEquals(
                400, client.request("PUT", "/secret/ok/path", "{\"value\":1}").status());
        assertEquals(405, client.request("POST", "/secrets", "{}").status());
        assertEquals(404, client.get("/nowhere").status());
        assertReply(
                client.get("/secret/no/such"), 404, "{\"error\":\"secret not found\",\"code\":\"SECRET_NOT_FOUND\"}");
        assertReply(
                client.request("DELETE", "/secret/no/such", ""),
                404,
                "{\"error\":\"secret not found\",\"code\":\"SECRET_NOT_FOUND\"}");
        // curl, because the daemon answers 413 and closes before taking a body this size.
        Path bigBody = dir.resolve("big.json");
        Files.writeString(bigBody, "{\"value\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}");
        assertEquals(
                " 413",
                curl("-X", "PUT", "--data-binary", "@" + bigBody, "http://localhost/secret/big/one")
                        .replaceAll("^\\{.*\\}", ""));
        assertTrue(client.get("/secrets").body().endsWith("\"count\":2}"), "nothing was written");
    }

    @Test
    @Order(5)
    void lock_thenEverySecretOperationIsRefused_thenUnlock() throws Exception {
        assertReply(client.request("POST", "/lock", ""), 200, "{\"success\":true,\"message\":\"vault locked\"}");
        String locked = "{\"error\":\"vault is locked\",\"code\":\"VAULT_LOCKED\"}";
        assertReply(client.get("/secret/api/key"), 403, locked);
        assertReply(client.get("/secrets"), 403, locked);
        assertReply(client.request("PUT", "/secret/api/key", "{\"value\":\"x\"}"), 403, locked);
        assertReply(client.request("DELETE", "/secret/api/key", ""), 403, locked);
        assertReply(
                client.request("POST", "/unlock", "{\"password\":\"not the password\"}"),
                401,
                "{\"error\":\"invalid password\",\"code\":\"INVALID_PASSWORD\"}");
        assertReply(
                client.request("POST", "/unlock", "{\"password\":\"" + PASSWORD + "\"}"),
                200,
                "{\"success\":true,\"message\":\"vault unlocked\"}");
        assertReply(
                client.request("POST", "/unlock", "{\"password\":\"" + PASSWORD + "\"}"),
                200,
                "{\"success\":true,\"message\":\"vault already unlocked\"}");
    }

    @Test
    @Order(6)
    void repeatedWrongPasswords_areThrottledWithRetryAfter() throws Exception {
        client.request("POST", "/lock", "");
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    401,
                    client.request("POST", "/unlock", "{\"password\":\"wrong password " + i + "\"}")
                            .status());
        }
        // The delay after the free attempts counts from the last attempt's start, and each wrong
        // attempt spends Argon2's time first; so keep guessing (the delay doubles) until refused.
        UnixHttpClient.Reply throttled = null;
        for (int i = 0; i < 6 && throttled == null; i++) {
            var reply = client.request("POST", "/unlock", "{\"password\":\"still wrong " + i + "\"}");
            if (reply.status() == 429) {
                throttled = reply;
            } else {
                assertEquals(401, reply.status(), reply.body());
            }
        }
        assertTrue(throttled != null, "never throttled");
        assertTrue(
                Long.parseLong(throttled.header("retry-after")) >= 1,
                throttled.headers().toString());
        assertTrue(throttled.body().contains("\"code\":\"TOO_MANY_ATTEMPTS\""));
        assertEquals(200, client.get("/status").status(), "status is not held up meanwhile");
        Thread.sleep(Long.parseLong(throttled.header("retry-after")) * 1000 + 200);
        assertEquals(
                200,
                client.request("POST", "/unlock", "{\"password\":\"" + PASSWORD + "\"}")
                        .status());
    }

    @Test
    @Order(7)
    void changePassword_andDelete() throws Exception {
        assertReply(
                client.request(
                        "POST",
                        "/change-password",
                        "{\"old_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new passphrase\"}"),
                200,
                "{\"success\":true,\"message\":\"password changed\"}");
        assertReply(
                client.request("DELETE", "/secret/api/key", ""),
                200,
                "{\"success\":true,\"message\":\"secret deleted\"}");
        client.request("POST", "/lock", "");
        assertEquals(
                401,
                client.request("POST", "/unlock", "{\"password\":\"" + PASSWORD + "\"}")
                        .status());
        assertEquals(
                200,
                client.request("POST", "/unlock", "{\"password\":\"a brand new passphrase\"}")
                        .status());
        assertTrue(client.get("/secrets").body().endsWith("\"count\":1}"));
    }

    @Test
    @Order(8)
    void aPeerOfAnotherUser_isRefusedEvenThroughALooseSocket() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root to run a client as nobody");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "skipped: setpriv is not installed");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(daemon.home, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(daemon.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Process asNobody = new ProcessBuilder(List.of(
                            setpriv.toString(),
                            "--reuid=65534",
                            "--regid=65534",
                            "--clear-groups",
                            "curl",
                            "-s",
                            "-w",
                            " %{http_code}",
                            "--unix-socket",
                            daemon.socket().toString(),
                            "http://localhost/secret/database/password"))
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(asNobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(asNobody.waitFor(30, TimeUnit.SECONDS));
            assertTrue(answer.endsWith(" 403"), answer);
            assertTrue(answer.contains("\"code\":\"FORBIDDEN\""), answer);
            assertFalse(answer.contains(VALUE), answer);
            assertEquals(200, client.get("/secret/database/password").status(), "the owner is still served");
        } finally {
            Files.setPosixFilePermissions(daemon.home, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @Order(9)
    void theLog_namesPathsAndCallers_butNeverAPasswordOrValue() throws Exception {
        String log = daemon.output();
        assertTrue(log.contains("INFO daemon started socket=" + daemon.socket()), log);
        assertTrue(log.matches("(?s).*INFO secret accessed path=database/password uid=\\d+.*"), log);
        assertTrue(log.contains("INFO vault unlocked"), log);
        assertFalse(log.contains(VALUE), log);
        assertFalse(log.contains(PASSWORD), log);
        assertFalse(log.contains("brand new"), log);
        assertFalse(log.contains("Exception"), log);
        assertFalse(log.contains("\tat "), "no stack trace in the log");
    }
}
