package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Two daemons × 8 clients writing at once, to paths of their own and to paths they share: every
     * write is answered 200 (a writer that finds the vault changed catches up and writes on top),
     * each client's own path ends at its last acknowledged value, on both daemons, and each
     * shared path at one of the values acknowledged for it.
     */
    @Test
    void twoDaemonsAndSixteenClients_loseNoAcknowledgedWrite() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String address = server.address(server.newSchema());
        int clientsPerDaemon = 8;
        int writesPerClient = 24;
        try (var a = DaemonProcess.start(dir.resolve("a"), "--store", address);
                var b = DaemonProcess.start(dir.resolve("b"), "--store", address)) {
            assertEquals(200, a.client().request("POST", "/init", PASSWORD).status());
            assertEquals(200, b.client().request("POST", "/unlock", PASSWORD).status());
            var acknowledged = new java.util.concurrent.ConcurrentHashMap<String, java.util.Set<String>>();
            var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            var threads = new java.util.ArrayList<Thread>();
            for (DaemonProcess daemon : List.of(a, b)) {
                for (int c = 0; c < clientsPerDaemon; c++) {
                    String client = (daemon == a ? "a" : "b") + c;
                    threads.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < writesPerClient; i++) {
                            String path = i % 2 == 0 ? "own/" + client : "shared/" + (i % 3);
                            String value = client + "-" + i;
                            try {
                                var reply = daemon.client()
                                        .request(
                                                "PUT",
                                                "/secret/" + path.replace("/", "%2F"),
                                                "{\"value\":\"" + value + "\"}");
                                if (reply.status() == 200) {
                                    acknowledged
                                            .computeIfAbsent(
                                                    path, any -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                                            .add(value);
                                } else {
                                    failures.add(path + ": " + reply.status() + " " + reply.body());
                                }
                            } catch (java.io.IOException broken) {
                                failures.add(path + ": " + broken);
                            }
                        }
                    }));
                }
            }
            for (Thread thread : threads) {
                thread.join(120_000);
            }
            assertEquals(List.of(), List.copyOf(failures), "every write is answered 200");
            for (DaemonProcess daemon : List.of(a, b)) {
                for (int c = 0; c < clientsPerDaemon; c++) {
                    for (String side : List.of("a", "b")) {
                        String client = side + c;
                        String last = client + "-" + (writesPerClient - 2);
                        awaitValue(daemon, "own/" + client, last);
                    }
                }
                for (int shared = 0; shared < 3; shared++) {
                    String body =
                            daemon.client().get("/secret/shared%2F" + shared).body();
                    String value = body.replaceAll(".*\"value\":\"([^\"]*)\".*", "$1");
                    assertTrue(acknowledged.get("shared/" + shared).contains(value), "shared/" + shared + ": " + body);
                }
            }
        }
    }

    private static long revisionOf(String secretBody) {
        return Long.parseLong(secretBody.replaceAll(".*\"rev\":([0-9]+)\\}$", "$1"));
    }

    /**
     * The CLI on each daemon's home: {@code set --if-rev} with the revision {@code get --json}
     * showed is refused with exit 9 once the other daemon changed the secret, though this daemon
     * had not heard of it, and is taken over the other's revision.
     */
    @Test
    void aConditionalSet_afterTheOtherDaemonsChange_exits9_andOverItsRevisionIsTaken() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String address = server.address(server.newSchema());
        Path homeA = dir.resolve("a");
        Path homeB = dir.resolve("b");
        try (var a = DaemonProcess.start(homeA, "--store", address);
                var b = DaemonProcess.start(homeB, "--store", address)) {
            assertEquals(200, a.client().request("POST", "/init", PASSWORD).status());
            assertEquals(200, b.client().request("POST", "/unlock", PASSWORD).status());
            assertEquals(
                    0, DaemonProcess.cli(homeA, "", "set", "team/token", "t1").exitCode());
            var shown = DaemonProcess.cli(homeA, "", "get", "team/token", "--json");
            long seen = revisionOf(shown.out().strip());
            var theirs = b.client().request("PUT", "/secret/team%2Ftoken", "{\"value\":\"t2\"}");
            assertEquals(200, theirs.status(), theirs.body());
            long theirRevision = Long.parseLong(theirs.body().replaceAll(".*\"rev\":([0-9]+)\\}$", "$1"));
            assertTrue(theirRevision > seen);

            var refused = DaemonProcess.cli(homeA, "", "set", "team/token", "t3", "--if-rev", Long.toString(seen));
            assertEquals(9, refused.exitCode(), refused.toString());
            assertEquals("Error: the secret was changed by someone else since revision " + seen + "\n", refused.err());
            awaitValue(b, "team/token", "t2");
            var taken =
                    DaemonProcess.cli(homeA, "", "set", "team/token", "t3", "--if-rev", Long.toString(theirRevision));
            assertEquals(0, taken.exitCode(), taken.toString());
            assertTrue(taken.out().startsWith("Secret 'team/token' saved at revision "), taken.out());
            awaitValue(b, "team/token", "t3");
        }
    }

    /**
     * A counter that 2 daemons × 4 clients increment by read, then write on condition of the
     * revision read (retrying on 409): it ends at exactly the number of increments acknowledged,
     * so no acknowledged conditional write was lost or landed over a change it had not seen.
     */
    @Test
    void conditionalIncrements_fromTwoDaemons_loseNone() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String address = server.address(server.newSchema());
        int clientsPerDaemon = 4;
        int incrementsPerClient = 10;
        try (var a = DaemonProcess.start(dir.resolve("a"), "--store", address);
                var b = DaemonProcess.start(dir.resolve("b"), "--store", address)) {
            assertEquals(200, a.client().request("POST", "/init", PASSWORD).status());
            assertEquals(200, b.client().request("POST", "/unlock", PASSWORD).status());
            assertEquals(
                    200,
                    a.client()
                            .request("PUT", "/secret/counter", "{\"value\":\"0\"}")
                            .status());
            awaitValue(b, "counter", "0"); // b hears of it (its NOTIFY) before its clients read it
            var conflicts = new java.util.concurrent.atomic.AtomicInteger();
            var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            var threads = new java.util.ArrayList<Thread>();
            for (DaemonProcess daemon : List.of(a, b)) {
                for (int c = 0; c < clientsPerDaemon; c++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        int done = 0;
                        int rounds = 0;
                        while (done < incrementsPerClient && rounds++ < 2_000) {
                            try {
                                String body =
                                        daemon.client().get("/secret/counter").body();
                                long revision = revisionOf(body);
                                int value = Integer.parseInt(body.replaceAll(".*\"value\":\"([0-9]+)\".*", "$1"));
                                var reply = daemon.client()
                                        .request(
                                                "PUT",
                                                "/secret/counter",
                                                "{\"value\":\"" + (value + 1) + "\",\"if_rev\":" + revision + "}");
                                if (reply.status() == 200) {
                                    done++;
                                } else if (reply.status() == 409) {
                                    conflicts.incrementAndGet();
                                } else {
                                    failures.add(reply.status() + " " + reply.body());
                                }
                            } catch (java.io.IOException | RuntimeException broken) {
                                failures.add(String.valueOf(broken));
                            }
                        }
                    }));
                }
            }
            for (Thread thread : threads) {
                thread.join(180_000);
            }
            assertEquals(List.of(), List.copyOf(failures), "only 200s and 409s");
            int total = 2 * clientsPerDaemon * incrementsPerClient;
            awaitValue(a, "counter", Integer.toString(total));
            awaitValue(b, "counter", Integer.toString(total));
            assertTrue(conflicts.get() > 0, "the clients raced (else the test tried nothing)");
        }
    }

    /** Waits (up to 10 s: the other daemon may still be catching up) until {@code path} holds {@code value}. */
    /**
     * Members through the real CLI on two daemons: the owner adds alice (her passphrase from stdin),
     * alice unlocks her own daemon with {@code OMNIVAULT_MEMBER}, both see each other's writes; the
     * owner removes alice: her daemon locks itself (its keys are revoked) and her passphrase opens
     * nothing any more; the audit lines name the member; a file-store daemon refuses team commands.
     */
    @Test
    void theOwnerAddsAlice_sheUnlocksAsHerself_thenIsRemoved_andHerPassphraseOpensNothing() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String schema = server.newSchema();
        String address = server.address(schema);
        Path homeA = dir.resolve("a");
        Path homeB = dir.resolve("b");
        var asAlice = java.util.Map.of("OMNIVAULT_MEMBER", "alice");
        try (var a = DaemonProcess.start(homeA, "--store", address);
                var b = DaemonProcess.start(homeB, "--store", address)) {
            assertEquals(200, a.client().request("POST", "/init", PASSWORD).status());
            var added = DaemonProcess.cli(homeA, "alice's passphrase\nalice's passphrase\n", "team", "add", "alice");
            assertEquals(0, added.exitCode(), added.toString());
            var again = DaemonProcess.cli(homeA, "another one here\n", "team", "add", "alice");
            assertEquals(6, again.exitCode(), again.toString());
            assertEquals("Error: the vault has a member named 'alice' already\n", again.err());

            var wrong = DaemonProcess.cli(homeB, asAlice, "correct horse battery\n", "unlock");
            assertEquals(5, wrong.exitCode(), "the owner's passphrase is not alice's: " + wrong);
            var unlocked = DaemonProcess.cli(homeB, asAlice, "alice's passphrase\n", "unlock");
            assertEquals(0, unlocked.exitCode(), unlocked.toString());
            assertEquals(
                    0,
                    DaemonProcess.cli(homeB, "", "set", "team/alice", "from-alice")
                            .exitCode());
            assertEquals(
                    0,
                    DaemonProcess.cli(homeA, "", "set", "team/owner", "from-owner")
                            .exitCode());
            awaitValue(b, "team/owner", "from-owner");
            awaitValue(a, "team/alice", "from-alice");

            var listed = DaemonProcess.cli(homeB, "", "team", "list");
            assertEquals(0, listed.exitCode(), listed.toString());
            assertEquals("* alice\n  owner\n\n2 member(s); * is the one this daemon is unlocked as\n", listed.out());
            var json = DaemonProcess.cli(homeA, "", "team", "list", "--json");
            assertEquals(
                    "{\"members\":[{\"name\":\"alice\"},{\"name\":\"owner\"}],\"unlocked_as\":\"owner\"}\n",
                    json.out());
            var self = DaemonProcess.cli(homeB, "", "team", "remove", "alice", "--force");
            assertEquals(2, self.exitCode(), self.toString());

            var removed = DaemonProcess.cli(homeA, "", "team", "remove", "alice", "--force");
            assertEquals(0, removed.exitCode(), removed.toString());
            assertTrue(removed.err().contains("rotate those secrets"), removed.err());
            assertEquals(
                    "from-alice\n",
                    DaemonProcess.cli(homeA, "", "get", "team/alice").out());

            // alice's daemon hears of the re-keying and locks
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!b.client().get("/status").body().contains("\"locked\":true")) {
                assertTrue(System.nanoTime() < deadline, "alice's daemon did not lock within 10 s");
                Thread.sleep(50);
            }
            var refused = DaemonProcess.cli(homeB, asAlice, "alice's passphrase\n", "unlock");
            assertEquals(5, refused.exitCode(), "a removed member's passphrase opens nothing: " + refused);
            var owners = DaemonProcess.cli(homeB, "correct horse battery\n", "unlock");
            assertEquals(0, owners.exitCode(), "the owner unlocks alice's old daemon with their own passphrase");
            assertTrue(a.output().contains("member added name=alice member=owner"), a.output());
            assertTrue(a.output().contains("member removed name=alice resealed=2 member=owner"), a.output());
            assertTrue(b.output().contains("secret stored path=team/alice member=alice"), b.output());
            assertTrue(b.output().contains("another member re-keyed it"), b.output());
        }
        String everything = rowsOf(server, schema);
        for (String plain : new String[] {"alice's passphrase", "from-alice", "team/alice"}) {
            assertFalse(everything.contains(plain), "the database holds " + plain);
        }

        Path files = dir.resolve("files");
        try (var plain = DaemonProcess.start(files)) {
            assertEquals(200, plain.client().request("POST", "/init", PASSWORD).status());
            var refused = DaemonProcess.cli(files, "", "team", "list");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("kept in PostgreSQL"), refused.err());
        }
    }

    private static void awaitValue(DaemonProcess daemon, String path, String value) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = daemon.client().get("/secret/" + path.replace("/", "%2F")).body();
            if (body.contains("\"value\":\"" + value + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " should hold " + value + ": " + body);
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
