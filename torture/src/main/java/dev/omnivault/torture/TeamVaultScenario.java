package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A team vault in PostgreSQL under attack from every side a team meets: two daemons (two homes,
 * as on two machines) × 8 clients writing overlapping paths; the server restarted mid-load; the
 * listening connection killed by the administrator ({@code pg_terminate_backend}); rows replayed,
 * removed and the digest put back by someone with write access to the tables; and a {@code
 * pg_dump} of it all searched for anything the vault holds; a member removed while another
 * member's daemon writes. Nothing acknowledged may be lost,
 * nothing but a conflict or a clear outage error may be answered, every change must reach the
 * other daemon, every tampering must be reported, and the dump must hold nothing readable.
 */
final class TeamVaultScenario implements Scenario {

    private static final String UNLOCK = "{\"password\":\"" + Workbench.PASSWORD + "\"}";

    private final int writesPerClient;

    TeamVaultScenario(int writesPerClient) {
        this.writesPerClient = writesPerClient;
    }

    @Override
    public String name() {
        return "team-vault";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        if (!Postgres.installed()) {
            return List.of(Figure.skipped(name(), "no PostgreSQL server programs (apt-get install postgresql)"));
        }
        var figures = new ArrayList<Figure>();
        try (Postgres server = Postgres.start()) {
            String address = server.address("torture");
            try (Daemon a = bench.start(bench.newHome("team-a"), "--store", address);
                    Daemon b = bench.start(bench.newHome("team-b"), "--store", address)) {
                require(a.http().request("POST", "/init", UNLOCK), "init on A");
                require(b.http().request("POST", "/unlock", UNLOCK), "unlock on B");
                sharedLoad(a, b, figures);
                listenerKilled(server, a, b, figures);
                restartedMidLoad(server, a, b, figures);
                memberRemovedMidLoad(server, a, b, figures);
                dumpHoldsNothing(server, a, figures);
                tampered(server, a, figures);
            }
        }
        return figures;
    }

    private static void require(Http.Reply reply, String what) {
        if (reply.status() != 200) {
            throw new IllegalStateException(what + " failed: " + reply);
        }
    }

    private static String value(Http.Reply reply) {
        return reply.body().replaceAll(".*\"value\":\"([^\"]*)\".*", "$1");
    }

    /** 2 daemons × 8 clients, each writing its own path and three shared ones in turn. */
    private void sharedLoad(Daemon a, Daemon b, List<Figure> figures) throws Exception {
        var acknowledged = new ConcurrentHashMap<String, Set<String>>();
        var lastOwn = new ConcurrentHashMap<String, String>();
        var unexpected = new ConcurrentLinkedQueue<String>();
        var threads = new ArrayList<Thread>();
        for (Daemon daemon : List.of(a, b)) {
            for (int c = 0; c < 8; c++) {
                String client = (daemon == a ? "a" : "b") + c;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < writesPerClient; i++) {
                        String path = i % 2 == 0 ? "own/" + client : "shared/" + (i % 3);
                        String value = client + "-" + i;
                        try {
                            var reply =
                                    daemon.http().request("PUT", "/secret/" + path, "{\"value\":\"" + value + "\"}");
                            if (reply.status() == 200) {
                                acknowledged
                                        .computeIfAbsent(path, any -> ConcurrentHashMap.newKeySet())
                                        .add(value);
                                if (path.startsWith("own/")) {
                                    lastOwn.put(path, value);
                                }
                            } else {
                                unexpected.add(reply.status() + " " + reply.body());
                            }
                        } catch (IOException broken) {
                            unexpected.add(String.valueOf(broken));
                        }
                    }
                }));
            }
        }
        for (Thread thread : threads) {
            thread.join(300_000);
        }
        long lost = 0;
        for (Daemon daemon : List.of(a, b)) {
            for (var own : lastOwn.entrySet()) {
                if (!awaitValue(daemon, own.getKey(), own.getValue())) {
                    lost++;
                }
            }
            for (int shared = 0; shared < 3; shared++) {
                var reply = daemon.http().get("/secret/shared/" + shared);
                Set<String> acked = acknowledged.getOrDefault("shared/" + shared, Set.of());
                if (!acked.isEmpty() && !acked.contains(value(reply))) {
                    lost++;
                }
            }
        }
        int writes = 16 * writesPerClient;
        figures.add(Figure.info(name(), "writes by 2 daemons x 8 clients", Integer.toString(writes)));
        figures.add(Figure.zero(name(), "answers other than 200", unexpected.size()));
        figures.add(Figure.zero(name(), "acknowledged writes not read back on both daemons", lost));
    }

    private static final String BOB = "{\"password\":\"bob's passphrase 1\",\"member\":\"bob\"}";
    private static final String CAROL = "{\"password\":\"carol's passphrase 1\",\"member\":\"carol\"}";

    /**
     * The owner (on A) adds bob and carol; bob unlocks B, whose 8 clients write; meanwhile the owner
     * removes carol, which re-keys the vault. Every write B acknowledged must be read back on A
     * after the re-keying; B's other answers must be the clear 403 of a daemon whose keys were
     * revoked; B must lock itself; carol's passphrase must open nothing; bob must unlock again;
     * and no record may be left sealed under the old key.
     */
    private void memberRemovedMidLoad(Postgres server, Daemon a, Daemon b, List<Figure> figures) throws Exception {
        require(a.http().request("POST", "/unlock", UNLOCK), "unlock on A");
        require(
                a.http().request("POST", "/team/add", "{\"name\":\"bob\",\"password\":\"bob's passphrase 1\"}"),
                "add bob");
        require(
                a.http().request("POST", "/team/add", "{\"name\":\"carol\",\"password\":\"carol's passphrase 1\"}"),
                "add carol");
        require(b.http().request("POST", "/lock", ""), "lock B");
        require(b.http().request("POST", "/unlock", BOB), "bob unlocks B");
        var lastAcked = new ConcurrentHashMap<String, String>();
        var unexpected = new ConcurrentLinkedQueue<String>();
        var acked = new AtomicLong();
        var stop = new AtomicBoolean();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < 8; c++) {
            String path = "bob/" + c;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String value = "b" + i;
                    try {
                        var reply = b.http().request("PUT", "/secret/" + path, "{\"value\":\"" + value + "\"}");
                        if (reply.status() == 200) {
                            lastAcked.put(path, value);
                            acked.incrementAndGet();
                        } else if (reply.status() == 403 && reply.body().contains("VAULT_LOCKED")) {
                            return; // the keys were revoked: this daemon's member unlocks again
                        } else {
                            unexpected.add(reply.status() + " " + reply.body());
                            return;
                        }
                    } catch (IOException broken) {
                        unexpected.add(String.valueOf(broken));
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acked.get() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        var removal = a.http().request("POST", "/team/remove", "{\"name\":\"carol\"}");
        long lockedBy = System.nanoTime() + 10_000_000_000L;
        boolean locked = false;
        while (!locked && System.nanoTime() < lockedBy) {
            locked = b.http().get("/status").body().contains("\"locked\":true");
            Thread.sleep(10);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        long lost = 0;
        for (var write : lastAcked.entrySet()) {
            if (!write.getValue().equals(value(a.http().get("/secret/" + write.getKey())))) {
                lost++;
            }
        }
        boolean carolOpens = b.http().request("POST", "/unlock", CAROL).status() == 200;
        boolean bobAgain = b.http().request("POST", "/unlock", BOB).status() == 200
                && lastAcked.entrySet().stream().allMatch(write -> {
                    try {
                        return write.getValue().equals(value(b.http().get("/secret/" + write.getKey())));
                    } catch (IOException broken) {
                        return false;
                    }
                });
        long oldEpoch = Long.parseLong(server.sql("SELECT count(*) FROM torture.records"
                        + " WHERE substring(sealed FROM 2 FOR 4) <> '\\x00000002'::bytea")
                .strip());
        figures.add(Figure.info(name(), "writes acknowledged on B around carol's removal", Long.toString(acked.get())));
        figures.add(Figure.check(
                name(),
                "carol removed (the vault re-keyed) mid-load",
                removal.status() == 200 ? 1 : 0,
                "= 1",
                removal.status() == 200));
        figures.add(Figure.zero(name(), "answers on B but 200 or 403 keys-revoked", unexpected.size()));
        figures.add(Figure.zero(name(), "B's acknowledged writes not read back on A", lost));
        figures.add(Figure.check(name(), "B locked itself after the re-keying (10 s)", locked ? 1 : 0, "= 1", locked));
        figures.add(Figure.zero(name(), "unlocks with the removed member's passphrase", carolOpens ? 1 : 0));
        figures.add(
                Figure.check(name(), "bob unlocks B again and reads every write", bobAgain ? 1 : 0, "= 1", bobAgain));
        figures.add(Figure.zero(name(), "records left sealed under the old key", oldEpoch));
    }

    /** Waits up to 10 s for {@code daemon} to show {@code expected} at {@code path}. */
    private static boolean awaitValue(Daemon daemon, String path, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (expected.equals(value(daemon.http().get("/secret/" + path)))) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** The administrator kills the connection B listens on; B must still see every change A makes. */
    private void listenerKilled(Postgres server, Daemon a, Daemon b, List<Figure> figures) throws Exception {
        String killed = server.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE query LIKE 'LISTEN omnivault_%'")
                .strip();
        long unseen = 0;
        int changes = 10;
        for (int i = 0; i < changes; i++) {
            require(a.http().request("PUT", "/secret/after-kill/" + i, "{\"value\":\"k" + i + "\"}"), "put on A");
        }
        for (int i = 0; i < changes; i++) {
            if (!awaitValue(b, "after-kill/" + i, "k" + i)) {
                unseen++;
            }
        }
        figures.add(Figure.check(
                name(), "listening connections killed", Long.parseLong(killed), ">= 2", Long.parseLong(killed) >= 2));
        figures.add(Figure.zero(name(), "changes on A unseen on B after the kill (10 s)", unseen));
    }

    /**
     * A writer keeps writing new paths on A while the server restarts: during the outage a write
     * may fail, but only with an error that names PostgreSQL; after it writes succeed again; and
     * every write acknowledged is there on both daemons.
     */
    private void restartedMidLoad(Postgres server, Daemon a, Daemon b, List<Figure> figures) throws Exception {
        var acknowledged = new ConcurrentLinkedQueue<Integer>();
        var unclear = new ConcurrentLinkedQueue<String>();
        var failedClearly = new AtomicLong();
        var afterRestart = new AtomicLong();
        var restarted = new AtomicBoolean();
        var stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    var reply = a.http().request("PUT", "/secret/restart/" + i, "{\"value\":\"r" + i + "\"}");
                    if (reply.status() == 200) {
                        acknowledged.add(i);
                        if (restarted.get()) {
                            afterRestart.incrementAndGet();
                        }
                    } else if (reply.status() == 500
                            && reply.body().contains("PostgreSQL")
                            && !reply.body().contains("Exception")) {
                        failedClearly.incrementAndGet();
                    } else {
                        unclear.add(reply.status() + " " + reply.body());
                    }
                } catch (IOException broken) {
                    unclear.add(String.valueOf(broken));
                }
            }
        });
        Thread.sleep(300);
        server.restart();
        restarted.set(true);
        Thread.sleep(3_000);
        stop.set(true);
        writer.join(60_000);
        long lost = 0;
        for (int i : acknowledged) {
            for (Daemon daemon : List.of(a, b)) {
                if (!awaitValue(daemon, "restart/" + i, "r" + i)) {
                    lost++;
                }
            }
        }
        figures.add(Figure.info(
                name(), "writes acknowledged around a server restart", Integer.toString(acknowledged.size())));
        figures.add(Figure.info(
                name(), "writes refused with an error naming PostgreSQL", Long.toString(failedClearly.get())));
        figures.add(Figure.zero(name(), "answers neither 200 nor a clear PostgreSQL error", unclear.size()));
        figures.add(Figure.check(
                name(), "writes acknowledged after the restart", afterRestart.get(), ">= 1", afterRestart.get() >= 1));
        figures.add(Figure.zero(name(), "acknowledged writes lost across the restart", lost));
    }

    /** A secret with a field and a tag, then {@code pg_dump}: no path, value, field, tag or passphrase in it. */
    private void dumpHoldsNothing(Postgres server, Daemon a, List<Figure> figures) throws Exception {
        require(
                a.http()
                        .request(
                                "PUT",
                                "/secret/dump-probe/path-7ab3",
                                "{\"value\":\"value-9f2c\",\"fields\":{\"field-name-51d0\":\"field-value-c4e8\"},"
                                        + "\"tags\":{\"tag-name-07aa\":\"tag-value-e613\"}}"),
                "put the probe");
        String dump = server.dump();
        long found = 0;
        var planted = List.of(
                "dump-probe/path-7ab3",
                "value-9f2c",
                "field-name-51d0",
                "field-value-c4e8",
                "tag-name-07aa",
                "tag-value-e613",
                "own/a0",
                "shared/1",
                "a0-0",
                "restart/0",
                "bob/0",
                "bob's passphrase 1",
                "carol's passphrase 1",
                Workbench.PASSWORD);
        for (String text : planted) {
            String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
            if (dump.contains(text) || dump.toLowerCase(java.util.Locale.ROOT).contains(hex)) {
                found++;
            }
        }
        figures.add(Figure.info(name(), "pg_dump size (bytes)", Integer.toString(dump.length())));
        // the search itself finds what the dump does hold: the vault's table names
        boolean searchWorks = dump.contains("torture.records");
        figures.add(Figure.check(
                name(), "control: the search finds the tables' own names", searchWorks ? 1 : 0, "1", searchWorks));
        figures.add(Figure.zero(name(), "planted texts found in pg_dump (plain or hex), of " + planted.size(), found));
    }

    /**
     * Someone with write access to the tables replays one row from before, removes one, puts an
     * older digest back, or changes a signed byte of the team header (making its checksum anew); each time A locks and unlocks and must report the vault as damaged
     * (500 VAULT_CORRUPTED), and opens again once the rows are put right.
     */
    private void tampered(Postgres server, Daemon a, List<Figure> figures) throws Exception {
        String records = "torture.records";
        require(a.http().request("PUT", "/secret/tamper/one", "{\"value\":\"first\"}"), "put");
        String rowBefore = server.sql(
                        "SELECT encode(id, 'hex') || ' ' || encode(sealed, 'hex') || ' ' || revision FROM " + records
                                + " WHERE revision = (SELECT revision FROM torture.vault)")
                .strip();
        String digestBefore =
                server.sql("SELECT encode(digest, 'hex') FROM torture.vault").strip();
        require(a.http().request("PUT", "/secret/tamper/one", "{\"value\":\"second\"}"), "put");
        String[] old = rowBefore.split(" ");
        String current = server.sql("SELECT encode(sealed, 'hex') || ' ' || revision FROM " + records
                        + " WHERE id = '\\x" + old[0] + "'")
                .strip();
        String currentDigest =
                server.sql("SELECT encode(digest, 'hex') FROM torture.vault").strip();
        String[] now = current.split(" ");
        String header =
                server.sql("SELECT encode(header, 'hex') FROM torture.vault").strip();
        Map<String, String> tamperings = Map.of(
                "a row replayed",
                "UPDATE " + records + " SET sealed = '\\x" + old[1] + "', revision = " + old[2] + " WHERE id = '\\x"
                        + old[0] + "'",
                "a row removed",
                "DELETE FROM " + records + " WHERE id = '\\x" + old[0] + "'",
                "an older digest put back",
                "UPDATE torture.vault SET digest = '\\x" + digestBefore + "'",
                // a byte of the team header's signed part (the creation time), its checksum made anew
                "a header byte changed, its checksum recomputed",
                "UPDATE torture.vault SET header = changed || sha256(changed) FROM (SELECT set_byte(substring(header"
                        + " FROM 1 FOR length(header) - 32), 33, get_byte(header, 33) # 1) AS changed"
                        + " FROM torture.vault) AS forged");
        long reported = 0;
        long reopened = 0;
        for (String tampering : tamperings.values()) {
            server.sql(tampering);
            require(a.http().request("POST", "/lock", ""), "lock");
            var unlock = a.http().request("POST", "/unlock", UNLOCK);
            if (unlock.status() == 500 && unlock.body().contains("VAULT_CORRUPTED")) {
                reported++;
            }
            // put the rows right, as they were before the tampering
            server.sql("INSERT INTO " + records + " (id, sealed, revision) VALUES ('\\x" + old[0] + "', '\\x" + now[0]
                    + "', " + now[1] + ") ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed,"
                    + " revision = EXCLUDED.revision");
            server.sql("UPDATE torture.vault SET digest = '\\x" + currentDigest + "', header = '\\x" + header + "'");
            if (a.http().request("POST", "/unlock", UNLOCK).status() == 200
                    && "second".equals(value(a.http().get("/secret/tamper/one")))) {
                reopened++;
            }
        }
        figures.add(Figure.check(
                name(),
                "tamperings reported as damage, of " + tamperings.size(),
                reported,
                "= " + tamperings.size(),
                reported == tamperings.size()));
        figures.add(Figure.check(
                name(),
                "vault opens again once the rows are put right",
                reopened,
                "= " + tamperings.size(),
                reopened == tamperings.size()));
    }
}
