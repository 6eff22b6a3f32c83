package dev.omnivault.torture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Unlock, read every secret; a live-heap dump while unlocked must hold no key and no password
 * (the keys rest in locked memory off the heap: {@code VmLck} shows it); lock; then a live-heap dump of the daemon ({@code jcmd GC.heap_dump})
 * is searched for the password, every secret value (as UTF-8 and as Java chars), the data key and
 * the keys derived from it — the keys computed here from the files and the password, following
 * docs/storage-format.md alone. Whatever is found is reported as found.
 */
final class MemoryAfterLockScenario implements Scenario {

    private static final int SECRETS = 8;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path jcmd = Workbench.JCMD;
        if (!Files.isExecutable(jcmd)) {
            return List.of(Figure.skipped(name(), "no jcmd in " + jcmd.getParent()));
        }
        var needles = new LinkedHashMap<String, List<byte[]>>();
        try (Daemon daemon = bench.startInitialised("memory")) {
            var values = new ArrayList<String>();
            for (int i = 0; i < SECRETS; i++) {
                String value = "torture-secret-value-" + i + "-" + Long.toHexString(bench.seed() + i);
                values.add(value);
                daemon.http()
                        .request(
                                "PUT",
                                "/secret/m/s" + i,
                                "{\"value\":\"" + value + "\",\"fields\":{\"f\":\"" + value + "-field\"}}");
            }
            for (int i = 0; i < SECRETS; i++) {
                daemon.http().get("/secret/m/s" + i);
            }
            daemon.http().get("/secrets");
            // the bulk paths too: an import of one more secret, an export of every value
            String imported = "torture-imported-value-" + Long.toHexString(bench.seed());
            values.add(imported);
            daemon.http()
                    .request(
                            "POST",
                            "/import",
                            "{\"secrets\":[{\"path\":\"m/imported\",\"value\":\"" + imported + "\",\"fields\":{\"f\":\""
                                    + imported + "-field\"}}]}");
            daemon.http().get("/export?values=true");

            var keys = keys(daemon.home());
            var figures = new ArrayList<Figure>();
            // While unlocked, between requests: the keys rest in locked memory off the heap, and
            // every cipher and MAC that used them was re-keyed with zeros.
            var whileOpen = new LinkedHashMap<String, List<byte[]>>();
            whileOpen.put("password", textForms(Workbench.PASSWORD));
            whileOpen.putAll(keys);
            var valueForms = new ArrayList<byte[]>();
            for (String value : values) {
                valueForms.addAll(textForms(value));
                valueForms.addAll(textForms(value + "-field"));
            }
            whileOpen.put("secret values and fields", valueForms);
            if (!dump(jcmd, daemon, "unlocked", false, whileOpen, figures)) {
                return figures;
            }
            figures.addAll(lockedMemory(daemon, "unlocked"));

            daemon.http().request("POST", "/lock", "");
            daemon.http().request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
            daemon.http().get("/secret/m/s0");
            daemon.http().request("POST", "/lock", "");

            needles.put("password", textForms(Workbench.PASSWORD));
            for (String value : values) {
                needles.computeIfAbsent("secret values and fields", k -> new ArrayList<>())
                        .addAll(textForms(value));
                needles.get("secret values and fields").addAll(textForms(value + "-field"));
            }
            needles.putAll(keys);

            // the whole heap first: a live dump collects the garbage that -all would show
            for (boolean all : new boolean[] {true, false}) {
                if (!dump(jcmd, daemon, "after lock", all, needles, figures)) {
                    return figures;
                }
            }
            figures.addAll(lockedMemory(daemon, "locked"));
            return figures;
        }
    }

    /**
     * Dumps the daemon's heap ({@code all}: unreachable objects too) and adds a figure per needle;
     * false (with a skipped figure) when jcmd cannot dump it.
     */
    private boolean dump(
            Path jcmd, Daemon daemon, String when, boolean all, Map<String, List<byte[]>> needles, List<Figure> figures)
            throws Exception {
        String tag = when.replace(' ', '-') + (all ? "-all" : "");
        Path dump = daemon.home().resolveSibling(daemon.home().getFileName() + "-" + tag + ".hprof");
        var command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(daemon.pid()), "GC.heap_dump"));
        if (all) {
            command.add("-all"); // unreachable objects too: copies dropped but not yet collected
        }
        command.add(dump.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !Files.exists(dump)) {
            figures.add(Figure.skipped(name(), "jcmd could not dump the heap: " + output.strip()));
            return false;
        }
        byte[] heap = Files.readAllBytes(dump);
        Files.delete(dump);
        String which = all ? "whole heap (-all)" : "live heap";
        figures.add(Figure.info(name(), which + " dumped " + when, heap.length / (1024 * 1024) + " MiB"));
        for (Map.Entry<String, List<byte[]>> needle : needles.entrySet()) {
            long found = 0;
            for (byte[] form : needle.getValue()) {
                found += occurrences(heap, form);
            }
            // The whole heap holds what was dropped and not yet collected: a copy there is one
            // the daemon or a library made and did not wipe.
            String prefix = when.equals("after lock") ? (all ? "-all: " : "") : when + (all ? " -all" : "") + ": ";
            figures.add(Figure.zero(name(), prefix + needle.getKey() + " found", found));
        }
        return true;
    }

    /**
     * The daemon's locked memory ({@code VmLck} in {@code /proc/PID/status}), against what its log
     * said at start: when it said the keys are locked in RAM, an unlocked vault holds at least one
     * locked page and a locked one none; when it warned, the warning is the figure.
     */
    private List<Figure> lockedMemory(Daemon daemon, String state) throws Exception {
        Path status = Path.of("/proc", Long.toString(daemon.pid()), "status");
        Path log = daemon.home().resolveSibling(daemon.home().getFileName() + ".log");
        if (!Files.isReadable(status) || !Files.isReadable(log)) {
            return List.of(Figure.skipped(name(), "no /proc status or log to read locked memory from"));
        }
        String said = Files.readAllLines(log).stream()
                .filter(line -> line.contains("keys are kept off the Java heap"))
                .findFirst()
                .orElse("");
        long lockedKiB = Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmLck:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(-1L);
        String name = "locked memory while " + state + " (VmLck, KiB)";
        if (said.isEmpty()) {
            return List.of(Figure.check(name(), name, lockedKiB, "daemon says where its keys are", false));
        }
        if (!said.contains("locked in RAM")) {
            return List.of(Figure.info(name(), name + ": " + said.replaceFirst("^\\S+ ", ""), lockedKiB + ""));
        }
        return state.equals("unlocked")
                ? List.of(Figure.check(name(), name, lockedKiB, ">= 4", lockedKiB >= 4))
                : List.of(Figure.check(name(), name, lockedKiB, "0", lockedKiB == 0));
    }

    /** The text as UTF-8 bytes and as Java chars (UTF-16, big-endian, as a heap dump holds them). */
    private static List<byte[]> textForms(String text) {
        return List.of(text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** The data key and its three derived keys, computed from vault.meta and the password. */
    private static Map<String, List<byte[]>> keys(Path home) throws Exception {
        byte[] meta = Files.readAllBytes(home.resolve("vault.meta"));
        var header = ByteBuffer.wrap(meta);
        byte[] vaultId = Arrays.copyOfRange(meta, 10, 26);
        int iterations = header.getInt(35);
        int memory = header.getInt(39);
        int parallelism = header.getInt(43);
        int saltLength = meta[47] & 0xff;
        byte[] salt = Arrays.copyOfRange(meta, 48, 48 + saltLength);
        byte[] wrapped = Arrays.copyOfRange(meta, 48 + saltLength, 108 + saltLength);

        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(iterations)
                .withMemoryAsKB(memory)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] passwordKey = new byte[32];
        generator.generateBytes(Workbench.PASSWORD.getBytes(StandardCharsets.UTF_8), passwordKey);

        byte[] label = "omnivault/v2/key".getBytes(StandardCharsets.US_ASCII);
        byte[] aad = new byte[label.length + 48 + saltLength];
        System.arraycopy(label, 0, aad, 0, label.length);
        System.arraycopy(meta, 0, aad, label.length, 48 + saltLength);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(passwordKey, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(wrapped, 0, 12)));
        gcm.updateAAD(aad);
        byte[] dataKey = gcm.doFinal(wrapped, 12, wrapped.length - 12);

        var keys = new LinkedHashMap<String, List<byte[]>>();
        keys.put("data key", List.of(dataKey));
        keys.put("password-derived key", List.of(passwordKey));
        var derived = new ArrayList<byte[]>();
        for (String purpose : List.of("record-key", "id-key", "mac-key")) {
            KDF hkdf = KDF.getInstance("HKDF-SHA256");
            derived.add(hkdf.deriveData(HKDFParameterSpec.ofExtract()
                    .addIKM(dataKey)
                    .addSalt(vaultId)
                    .thenExpand(("omnivault/v2/" + purpose).getBytes(StandardCharsets.US_ASCII), 32)));
        }
        keys.put("record, id and mac keys", derived);
        return keys;
    }

    static long occurrences(byte[] haystack, byte[] needle) {
        long count = 0;
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}
