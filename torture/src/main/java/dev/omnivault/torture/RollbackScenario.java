package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The journal and {@code vault.enc} damaged or put back in ways that once read as "nothing
 * happened": an older {@code vault.enc} restored under a newer journal, the {@code vault.enc} of a
 * fork of the vault with the same generation, every byte of the journal's header (its base MAC
 * included) flipped, the journal cut shorter than its header, cut in its middle, or removed.
 * Every one must be reported as damage (500 {@code VAULT_CORRUPTED}), none silently taken, no
 * damaged file rewritten, and every acknowledged secret must be back once the files are.
 */
final class RollbackScenario implements Scenario {

    private static final String UNLOCK = "{\"password\":\"" + Workbench.PASSWORD + "\"}";
    private static final int JOURNAL_HEADER_BYTES = 8 + 2 + 16 + 8 + 32 + 32;

    @Override
    public String name() {
        return "rollback";
    }

    /** One attempt: each named file replaced by the bytes given, or removed for null. */
    private record Damage(String kind, Map<String, byte[]> files) {}

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        var acknowledged = new LinkedHashMap<String, String>();
        var damages = new ArrayList<Damage>();
        var random = new Random(bench.seed());
        long reported = 0;
        long silentlyTaken = 0;
        long otherAnswers = 0;
        long rewritten = 0;
        boolean restored;
        long wrong = 0;
        try (Daemon daemon = bench.startInitialised("rollback")) {
            Path home = daemon.home();
            importSecrets(daemon, acknowledged, "r/base", 3);
            put(daemon, acknowledged, "r/a", "a1");
            put(daemon, acknowledged, "r/b", "b1");
            byte[] olderEnc = Files.readAllBytes(home.resolve("vault.enc"));
            importSecrets(daemon, acknowledged, "r/later", 2);
            put(daemon, acknowledged, "r/c", "c1");
            put(daemon, acknowledged, "r/a", "a2");

            // a fork of this vault (a copy synced elsewhere) writes its own vault.enc of the next generation
            Path forkHome = bench.newHome("rollback-fork");
            daemon.http().request("POST", "/lock", "");
            Files.createDirectories(forkHome);
            for (String name : List.of("vault.meta", "vault.enc", "vault.journal")) {
                Files.copy(home.resolve(name), forkHome.resolve(name));
            }
            byte[] forkEnc;
            try (Daemon fork = bench.start(forkHome)) {
                fork.http().request("POST", "/unlock", UNLOCK);
                fork.http().request("POST", "/import", "{\"secrets\":[{\"path\":\"fork/only\",\"value\":\"f\"}]}");
                forkEnc = Files.readAllBytes(forkHome.resolve("vault.enc"));
            }
            daemon.http().request("POST", "/unlock", UNLOCK);
            importSecrets(daemon, acknowledged, "r/here", 1);
            put(daemon, acknowledged, "r/d", "d1");
            daemon.http().request("POST", "/lock", "");

            byte[] enc = Files.readAllBytes(home.resolve("vault.enc"));
            byte[] journal = Files.readAllBytes(home.resolve("vault.journal"));
            damages.add(new Damage("older vault.enc under a newer journal", Map.of("vault.enc", olderEnc)));
            damages.add(new Damage("a fork's vault.enc of the same generation", Map.of("vault.enc", forkEnc)));
            var noJournal = new java.util.HashMap<String, byte[]>();
            noJournal.put("vault.journal", null);
            damages.add(new Damage("journal removed", noJournal));
            int headerFlips = bench.quick() ? 16 : JOURNAL_HEADER_BYTES;
            for (int k = 0; k < headerFlips; k++) {
                int at = bench.quick() ? random.nextInt(JOURNAL_HEADER_BYTES) : k;
                byte[] flipped = journal.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                damages.add(new Damage("journal header byte flipped", Map.of("vault.journal", flipped)));
            }
            int cuts = bench.quick() ? 8 : JOURNAL_HEADER_BYTES;
            for (int k = 0; k < cuts; k++) {
                int length = bench.quick() ? random.nextInt(JOURNAL_HEADER_BYTES) : k;
                damages.add(new Damage(
                        "journal shorter than its header", Map.of("vault.journal", Arrays.copyOf(journal, length))));
            }
            if (journal.length > JOURNAL_HEADER_BYTES + 40) {
                // a slice cut out of the middle: what follows is whole, so it is no crash's tail
                int from = JOURNAL_HEADER_BYTES + 10;
                byte[] sliced = new byte[journal.length - 20];
                System.arraycopy(journal, 0, sliced, 0, from);
                System.arraycopy(journal, from + 20, sliced, from, journal.length - from - 20);
                damages.add(new Damage("journal cut in its middle", Map.of("vault.journal", sliced)));
            }

            for (Damage damage : damages) {
                for (var file : damage.files().entrySet()) {
                    if (file.getValue() == null) {
                        Files.deleteIfExists(home.resolve(file.getKey()));
                    } else {
                        Files.write(home.resolve(file.getKey()), file.getValue());
                    }
                }
                var reply = daemon.http().request("POST", "/unlock", UNLOCK);
                if (reply.status() == 500 && reply.body().contains("\"code\":\"VAULT_CORRUPTED\"")) {
                    reported++;
                } else if (reply.status() == 200) {
                    silentlyTaken++;
                    daemon.http().request("POST", "/lock", "");
                } else {
                    otherAnswers++;
                }
                for (var file : damage.files().entrySet()) {
                    Path path = home.resolve(file.getKey());
                    boolean same = file.getValue() == null
                            ? Files.notExists(path)
                            : Files.exists(path) && Arrays.equals(Files.readAllBytes(path), file.getValue());
                    rewritten += same ? 0 : 1;
                }
                Files.write(home.resolve("vault.enc"), enc);
                Files.write(home.resolve("vault.journal"), journal);
            }
            restored = daemon.http().request("POST", "/unlock", UNLOCK).status() == 200;
            for (var secret : acknowledged.entrySet()) {
                String value = Json.member(
                        daemon.http().get("/secret/" + secret.getKey()).body(), "value");
                if (!secret.getValue().equals(value)) {
                    wrong++;
                }
            }
        }
        return List.of(
                Figure.info(
                        name(),
                        "damages and rollbacks tried",
                        damages.size() + " ("
                                + damages.stream().map(Damage::kind).distinct().count() + " kinds)"),
                Figure.check(
                        name(),
                        "reported as VAULT_CORRUPTED",
                        reported,
                        "= " + damages.size(),
                        reported == damages.size()),
                Figure.zero(name(), "silently taken (the unlock succeeded)", silentlyTaken),
                Figure.zero(name(), "answered otherwise", otherAnswers),
                Figure.zero(name(), "damaged files the daemon rewrote", rewritten),
                Figure.check(
                        name(),
                        "files back: unlocks, every acknowledged secret intact",
                        restored && wrong == 0 ? acknowledged.size() : 0,
                        "= " + acknowledged.size(),
                        restored && wrong == 0));
    }

    private static void put(Daemon daemon, Map<String, String> acknowledged, String path, String value)
            throws java.io.IOException {
        if (daemon.http()
                        .request("PUT", "/secret/" + path, "{\"value\":\"" + value + "\"}")
                        .status()
                == 200) {
            acknowledged.put(path, value);
        }
    }

    /** One import (a whole vault.enc of the next generation) of {@code count} secrets under {@code prefix}. */
    private static void importSecrets(Daemon daemon, Map<String, String> acknowledged, String prefix, int count)
            throws java.io.IOException {
        var body = new StringBuilder("{\"secrets\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"path\":\"")
                    .append(prefix)
                    .append(i)
                    .append("\",\"value\":\"v")
                    .append(i)
                    .append("\"}");
        }
        if (daemon.http()
                        .request("POST", "/import", body.append("]}").toString())
                        .status()
                == 200) {
            for (int i = 0; i < count; i++) {
                acknowledged.put(prefix + i, "v" + i);
            }
        }
    }
}
