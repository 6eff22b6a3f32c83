package dev.omnivault.torture;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The vault's files damaged while the daemon runs locked: every byte of {@code vault.meta} flipped
 * in turn, a sample of {@code vault.enc} bytes and of {@code vault.journal}'s, truncations, swapped records and an appended byte. Each unlock with
 * the right password must fail (detected), the daemon must not rewrite the damaged file, and once
 * the originals are back it must unlock and serve every secret as before.
 */
final class TamperingScenario implements Scenario {

    private static final String UNLOCK = "{\"password\":\"" + Workbench.PASSWORD + "\"}";

    @Override
    public String name() {
        return "tamper";
    }

    private record Damage(String file, byte[] bytes) {}

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        try (Daemon daemon = bench.startInitialised("tamper")) {
            // three secrets in vault.enc (an import writes it whole), two in vault.journal (puts)
            daemon.http()
                    .request(
                            "POST",
                            "/import",
                            "{\"secrets\":[{\"path\":\"t/s0\",\"value\":\"value 0\"},{\"path\":\"t/s1\",\"value\":\"value 1\"},"
                                    + "{\"path\":\"t/s2\",\"value\":\"value 2\"}]}");
            for (int i = 3; i < 5; i++) {
                daemon.http().request("PUT", "/secret/t/s" + i, "{\"value\":\"value " + i + "\"}");
            }
            daemon.http().request("POST", "/lock", "");
            Path meta = daemon.home().resolve("vault.meta");
            Path enc = daemon.home().resolve("vault.enc");
            Path journal = daemon.home().resolve("vault.journal");
            byte[] metaBytes = Files.readAllBytes(meta);
            byte[] encBytes = Files.readAllBytes(enc);
            byte[] journalBytes = Files.readAllBytes(journal);

            var random = new Random(bench.seed());
            var damages = new ArrayList<Damage>();
            int metaFlips = bench.quick() ? 24 : metaBytes.length;
            for (int k = 0; k < metaFlips; k++) {
                int at = bench.quick() ? random.nextInt(metaBytes.length) : k;
                damages.add(new Damage("vault.meta", flipped(metaBytes, at, random)));
            }
            int encFlips = bench.quick() ? 12 : 64;
            for (int k = 0; k < encFlips; k++) {
                damages.add(new Damage("vault.enc", flipped(encBytes, random.nextInt(encBytes.length), random)));
            }
            // a sample of every byte, header included, as for vault.enc (every third byte is
            // flipped by the storage module's JournalTest, every header byte by the rollback scenario)
            int journalFlips = bench.quick() ? 24 : 64;
            for (int k = 0; k < journalFlips; k++) {
                int at = random.nextInt(journalBytes.length);
                damages.add(new Damage("vault.journal", flipped(journalBytes, at, random)));
            }
            for (double keep : new double[] {0, 0.1, 0.5, 0.99}) {
                damages.add(new Damage("vault.meta", Arrays.copyOf(metaBytes, (int) (metaBytes.length * keep))));
                damages.add(new Damage("vault.enc", Arrays.copyOf(encBytes, (int) (encBytes.length * keep))));
            }
            List<Damage> swaps = recordSwaps(encBytes);
            damages.addAll(swaps);
            damages.add(new Damage("vault.meta", Arrays.copyOf(metaBytes, metaBytes.length + 1)));
            damages.add(new Damage("vault.enc", Arrays.copyOf(encBytes, encBytes.length + 1)));

            long undetected = 0;
            long rewritten = 0;
            long throttled = 0;
            for (Damage damage : damages) {
                Path file = switch (damage.file()) {
                    case "vault.meta" -> meta;
                    case "vault.journal" -> journal;
                    default -> enc;
                };
                Files.write(file, damage.bytes());
                var reply = daemon.http().request("POST", "/unlock", UNLOCK);
                while (reply.status() == 429 && throttled < 60) {
                    throttled++;
                    Thread.sleep(1100);
                    reply = daemon.http().request("POST", "/unlock", UNLOCK);
                }
                if (reply.status() == 200) {
                    undetected++;
                    daemon.http().request("POST", "/lock", "");
                }
                if (!Arrays.equals(Files.readAllBytes(file), damage.bytes())) {
                    rewritten++;
                }
                Files.write(meta, metaBytes);
                Files.write(enc, encBytes);
                Files.write(journal, journalBytes);
            }
            boolean alive = daemon.alive() && daemon.answers();
            boolean restored = daemon.http().request("POST", "/unlock", UNLOCK).status() == 200;
            long wrong = 0;
            for (int i = 0; i < 5; i++) {
                if (!("value " + i)
                        .equals(Json.member(daemon.http().get("/secret/t/s" + i).body(), "value"))) {
                    wrong++;
                }
            }
            return List.of(
                    Figure.info(
                            name(),
                            "damaged files tried",
                            String.format(
                                    Locale.ROOT,
                                    "%d (meta: %d flips of %d bytes; enc: %d of %d; journal: %d of %d; %d record swaps)",
                                    damages.size(),
                                    metaFlips,
                                    metaBytes.length,
                                    encFlips,
                                    encBytes.length,
                                    journalFlips,
                                    journalBytes.length,
                                    swaps.size())),
                    Figure.zero(name(), "damage not detected (unlock succeeded)", undetected),
                    Figure.zero(name(), "damaged files the daemon rewrote", rewritten),
                    Figure.check(name(), "daemon alive afterwards", alive ? 1 : 0, "1", alive),
                    Figure.check(
                            name(),
                            "originals back: unlocks, 5 secrets intact",
                            restored && wrong == 0 ? 1 : 0,
                            "1",
                            restored && wrong == 0),
                    Figure.info(name(), "unlocks refused by the throttle", Long.toString(throttled)));
        }
    }

    /**
     * Two records of vault.enc exchanged whole, and two records' sealed bodies exchanged under
     * their own ids — the layout of docs/storage-format.md: a 38-byte header (magic, version,
     * vault id, generation, count), then per record a 32-byte id, a 4-byte length and the sealed
     * bytes, then a 32-byte HMAC.
     */
    private static List<Damage> recordSwaps(byte[] enc) {
        var starts = new ArrayList<Integer>();
        int at = 38;
        while (at + 36 <= enc.length - 32) {
            starts.add(at);
            at += 36 + ByteBuffer.wrap(enc, at + 32, 4).getInt();
        }
        if (starts.size() < 2) {
            return List.of();
        }
        int first = starts.get(0);
        int second = starts.get(1);
        int end = starts.size() > 2 ? starts.get(2) : enc.length - 32;
        byte[] recordA = Arrays.copyOfRange(enc, first, second);
        byte[] recordB = Arrays.copyOfRange(enc, second, end);
        byte[] wholeSwap = enc.clone();
        System.arraycopy(recordB, 0, wholeSwap, first, recordB.length);
        System.arraycopy(recordA, 0, wholeSwap, first + recordB.length, recordA.length);
        var damages = new ArrayList<>(List.of(new Damage("vault.enc", wholeSwap)));
        if (recordA.length == recordB.length) {
            byte[] bodySwap = enc.clone();
            System.arraycopy(recordB, 36, bodySwap, first + 36, recordB.length - 36);
            System.arraycopy(recordA, 36, bodySwap, second + 36, recordA.length - 36);
            damages.add(new Damage("vault.enc", bodySwap));
        }
        return damages;
    }

    private static byte[] flipped(byte[] original, int at, Random random) {
        byte[] copy = original.clone();
        copy[at] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }
}
