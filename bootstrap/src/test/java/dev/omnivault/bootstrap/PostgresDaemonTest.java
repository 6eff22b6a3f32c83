package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon run --store postgresql://…} against a real server: two daemons (two homes, as on
 * two machines) share one vault that the database holds sealed; neither home holds a vault file;
 * a write after the other daemon's change lands on top of it and the writer then sees that change
 * too; the other daemon sees it without writing (a NOTIFY); a lock and an unlock read everything again.
 */
class PostgresDaemonTest {

    private static final String PASSWORD = "{\"password\":\"correct horse battery\"}";

    @TempDir
    Path dir;

    @Test
    void twoDaemonsShareOneSealedVault_andAWriteLandsOnTopOfTheOthers() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String schema = server.newSchema();
        String address = server.address(schema);
        Path homeA = dir.resolve("a");
        Path homeB = dir.resolve("b");
        try (var a = DaemonProcess.start(homeA, "--store", address);
                var b = DaemonProcess.start(homeB, "--store", address)) {
            assertEquals(200, a.client().request("POST", "/init", PASSWORD).status());
            assertEquals(
                    200,
                    a.client()
                            .request("PUT", "/secret/team%2Fdb", "{\"value\":\"shared-value-4711\"}")
                            .status());
            var status = b.client().get("/status");
            assertTrue(status.body().contains("\"vault_exists\":true"), status.body());
            assertEquals(200, b.client().request("POST", "/unlock", PASSWORD).status());
            var read = b.client().get("/secret/team%2Fdb");
            assertTrue(read.body().contains("shared-value-4711"), read.body());

            assertEquals(
                    200,
                    b.client()
                            .request("PUT", "/secret/team%2Fb", "{\"value\":\"from-b\"}")
                            .status());
            var onTop = a.client().request("PUT", "/secret/team%2Fa", "{\"value\":\"from-a\"}");
            assertEquals(200, onTop.status(), onTop.body());
            assertTrue(a.client().get("/secret/team%2Fb").body().contains("from-b"), "a caught up on b's write");

            // b hears of a's write (its NOTIFY) and shows it without writing or unlocking again
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (!b.client().get("/secret/team%2Fa").body().contains("from-a")) {
                assertTrue(System.nanoTime() < deadline, "b did not see a's write within 5 s");
                Thread.sleep(20);
            }

            assertEquals(200, b.client().request("POST", "/lock", "").status());
            assertEquals(200, b.client().request("POST", "/unlock", PASSWORD).status());
            assertTrue(b.client().get("/secret/team%2Fa").body().contains("from-a"), "an unlock reads everything");
            assertTrue(a.output().contains("the vault is in PostgreSQL at postgresql://"), a.output());
        }
        for (Path home : new Path[] {homeA, homeB}) {
            assertFalse(Files.exists(home.resolve("vault.meta")), "no vault file in " + home);
            assertFalse(Files.exists(home.resolve("vault.enc")), "no vault file in " + home);
        }
        String everything = rowsOf(server, schema);
        for (String plain : new String[] {"team/db", "shared-value-4711", "from-a", "from-b"}) {
            assertFalse(everything.contains(plain), "the database holds " + plain);
        }
    }

    /** Every byte of every row of the vault's tables, as Latin-1 text. */
    private static String rowsOf(PostgresServer server, String schema) {
        var all = new StringBuilder();
        for (String query : new String[] {
            "SELECT header FROM " + schema + ".vault", "SELECT id || sealed FROM " + schema + ".records"
        }) {
            for (byte[] value : server.column(query)) {
                all.append(new String(value, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        assertTrue(all.length() > 100, "the tables hold the vault");
        return all.toString();
    }
}
