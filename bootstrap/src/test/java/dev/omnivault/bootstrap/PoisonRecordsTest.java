package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.socket.testing.UnixHttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at every bound and one past it, through the real daemon and file store: what is
 * acknowledged reads back, what is over a bound is a 400 that writes nothing, and the vault
 * unlocks again after each (a 65,536-field secret once wrapped a 16-bit count and bricked it).
 */
class PoisonRecordsTest {

    private static final String INIT = "{\"password\":\"correct horse battery\"}";

    @TempDir
    static Path dir;

    private static DaemonProcess daemon;
    private static UnixHttpClient client;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(dir.resolve("home"));
        client = daemon.client();
        assertEquals(200, client.request("POST", "/init", INIT).status());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static String fields(int count) {
        var body = new StringBuilder("{\"value\":\"v\",\"fields\":{");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"x\"");
        }
        return body.append("}}").toString();
    }

    private static String tags(int count) {
        var body = new StringBuilder("{\"tags\":{");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"x\"");
        }
        return body.append("}}").toString();
    }

    private static void assertRefused(UnixHttpClient.Reply reply, String message) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals("{\"error\":\"" + message + "\",\"code\":\"INVALID_REQUEST\"}", reply.body());
    }

    /** Locks and unlocks: the vault on disk is whole after whatever came before. */
    private static void assertStillUnlocks() throws Exception {
        assertEquals(200, client.request("POST", "/lock", "").status());
        var unlocked = client.request("POST", "/unlock", INIT);
        assertEquals(200, unlocked.status(), unlocked.body());
    }

    @Test
    void fieldAndTagCounts_pastTheBound_areRefused_andNothingIsWritten() throws Exception {
        assertRefused(
                client.request("PUT", "/secret/poison/fields", fields(65_536)),
                "a secret has at most 1000 fields (this one has 65536)");
        assertRefused(
                client.request("PUT", "/secret/poison/fields", fields(1001)),
                "a secret has at most 1000 fields (this one has 1001)");
        assertRefused(
                client.request("PUT", "/secret/poison/tags", tags(1001)),
                "a secret has at most 1000 tags (this one has 1001)");
        assertEquals(404, client.get("/secret/poison/fields").status());
        assertEquals(404, client.get("/secret/poison/tags").status());
        assertStillUnlocks();

        assertEquals(
                200, client.request("PUT", "/secret/bound/fields", fields(1000)).status());
        assertEquals(
                200, client.request("PUT", "/secret/bound/tags", tags(1000)).status());
        assertStillUnlocks();
        assertTrue(client.get("/secret/bound/fields").body().contains("\"f999\":\"x\""));
        assertTrue(client.get("/secret/bound/tags").body().contains("\"t999\":\"x\""));
    }

    @Test
    void aOneMiBValue_andAValueAtTheBound_readBack_andOneByteMore_isRefused() throws Exception {
        String oneMiB = "m".repeat(1024 * 1024);
        assertEquals(
                200,
                client.request("PUT", "/secret/big/one-mib", "{\"value\":\"" + oneMiB + "\"}")
                        .status());
        String atBound = "b".repeat(4 * 1024 * 1024);
        assertEquals(
                200,
                client.request("PUT", "/secret/big/at-bound", "{\"value\":\"" + atBound + "\"}")
                        .status());
        assertRefused(
                client.request("PUT", "/secret/big/over", "{\"value\":\"" + atBound + "x\"}"),
                "the value is larger than 4 MiB");
        assertStillUnlocks();
        assertTrue(client.get("/secret/big/one-mib").body().contains("\"value\":\"" + oneMiB + "\""));
        assertTrue(client.get("/secret/big/at-bound").body().contains("\"value\":\"" + atBound + "\""));
        assertEquals(404, client.get("/secret/big/over").status());
    }

    @Test
    void anImportWithOneSecretOverABound_isRefusedWhole() throws Exception {
        String over = "o".repeat(4 * 1024 * 1024 + 1);
        String body = "{\"secrets\":[{\"path\":\"imported/fine\",\"value\":\"ok\"},"
                + "{\"path\":\"imported/over\",\"value\":\"" + over + "\"}]}";
        assertRefused(client.request("POST", "/import", body), "the value is larger than 4 MiB");
        assertEquals(404, client.get("/secret/imported/fine").status(), "all or nothing");
        assertStillUnlocks();
        assertEquals(404, client.get("/secret/imported/over").status());
    }
}
