package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class LockedMemoryTest {

    @Test
    void holdsWhatIsWritten_andZeroesAndForgetsItOnClose() {
        byte[] key = Crypto.randomBytes(32);
        LockedMemory memory = LockedMemory.allocate(96);
        memory.write(32, key);
        assertArrayEquals(key, memory.read(32, 32));
        assertArrayEquals(new byte[32], memory.read(0, 32));
        memory.wipe();
        assertArrayEquals(new byte[96], memory.read(0, 96), "close() wipes first");
        memory.close();
        assertThrows(IllegalStateException.class, () -> memory.read(32, 32));
        memory.close(); // twice is harmless
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinux_theBytesAreAMappingOfTheirOwn_lockedInRam_andLeftOutOfCoreDumps() throws IOException {
        try (LockedMemory memory = LockedMemory.allocate(96)) {
            Mapping mapping = mappingHolding(memory.address()).orElseThrow();
            assertEquals(memory.address(), mapping.start(), "the bytes start a mapping of their own");
            assertTrue(mapping.flags().contains("dd"), mapping.toString());
            assertTrue(memory.leftOutOfDumps());
            if (canLock()) {
                assertTrue(memory.locked(), memory.describe());
                assertTrue(mapping.flags().contains("lo"), mapping.toString());
                assertTrue(memory.refusal().isEmpty());
                assertTrue(memory.describe().contains("locked in RAM"), memory.describe());
            } else {
                assertFalse(memory.locked());
                assertTrue(memory.refusal().orElseThrow().contains("RLIMIT_MEMLOCK"), memory.describe());
                assertTrue(memory.describe().contains("may be written to swap"), memory.describe());
            }
            long address = memory.address();
            memory.close();
            Optional<Mapping> after = mappingHolding(address);
            assertTrue(after.isEmpty() || !after.get().flags().contains("dd"), after.toString());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProbe_saysWhatThisProcessCanDo() throws IOException {
        KeyMemory.Report capability = KeyMemory.probe();
        assertEquals(canLock(), capability.complete(), capability.description());
        assertTrue(capability.description().startsWith("keys are kept off the Java heap"), capability.description());
    }

    @Test
    void vaultKeys_lendCopies_andRefuseOnceClosed() {
        byte[] dataKey = Crypto.randomBytes(32);
        byte[] vaultId = Crypto.randomBytes(16);
        VaultKeys keys = VaultKeys.derive(dataKey, vaultId);
        byte[] lent;
        try (var mac = keys.macKey();
                var record = keys.recordKey();
                var id = keys.idKey()) {
            lent = mac.bytes();
            assertArrayEquals(Crypto.hkdf(dataKey, vaultId, VaultKeys.MAC_KEY_INFO), lent);
            assertArrayEquals(Crypto.hkdf(dataKey, vaultId, VaultKeys.RECORD_KEY_INFO), record.bytes());
            assertArrayEquals(Crypto.hkdf(dataKey, vaultId, VaultKeys.ID_KEY_INFO), id.bytes());
            assertFalse(java.util.Arrays.equals(record.bytes(), id.bytes()), "distinct keys per purpose");
            assertEquals("VaultKeys.Borrowed[redacted]", mac.toString());
        }
        assertArrayEquals(new byte[32], lent, "a borrowed copy is zeroed once returned");
        keys.close();
        assertTrue(keys.isClosed());
        assertThrows(IllegalStateException.class, keys::recordKey);
    }

    /**
     * Where the system refuses (here: {@code RLIMIT_MEMLOCK} of 0, and as root without
     * {@code CAP_IPC_LOCK}, which overrides the limit), the refusal is said with its reason, and a
     * vault still opens and reads, its keys off the heap but unlocked.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void whereMlockIsRefused_theProbeSaysWhy_andTheVaultStillWorks() throws Exception {
        var prefix = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv")) && isRoot()) {
            prefix.addAll(List.of("/usr/bin/setpriv", "--bounding-set=-ipc_lock", "--inh-caps=-ipc_lock"));
        }
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/prlimit")) && (prefix.size() > 0 || !isRoot()),
                "needs prlimit (and setpriv as root)");
        prefix.addAll(List.of("/usr/bin/prlimit", "--memlock=0:0"));
        Process child = SealChild.start(prefix);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(
                output.contains("complete=false keys are kept off the Java heap, but mlock failed (")
                        && output.contains("RLIMIT_MEMLOCK is 0 KiB); they may be written to swap"),
                output);
        assertTrue(output.contains("read true"), output);
    }

    record Mapping(long start, long end, List<String> flags) {}

    /** The mapping of this process that holds {@code address}, from {@code /proc/self/smaps}. */
    private static Optional<Mapping> mappingHolding(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash <= 0 || space < dash || !line.substring(0, dash).matches("[0-9a-f]+")) {
                continue;
            }
            long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
            long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            if (Long.compareUnsigned(address, start) < 0 || Long.compareUnsigned(address, end) >= 0) {
                continue;
            }
            for (int j = i + 1; j < lines.size(); j++) {
                if (lines.get(j).startsWith("VmFlags:")) {
                    return Optional.of(new Mapping(
                            start,
                            end,
                            List.of(lines.get(j)
                                    .substring("VmFlags:".length())
                                    .trim()
                                    .split("\\s+"))));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this process may lock a page: a limit of at least one, or {@code CAP_IPC_LOCK}. */
    private static boolean canLock() throws IOException {
        return memlockLimit() >= 4096 || (effectiveCapabilities() & (1L << 14)) != 0;
    }

    private static boolean isRoot() throws IOException {
        return Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t");
    }

    private static long effectiveCapabilities() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
            }
        }
        return 0;
    }

    /** This process's soft RLIMIT_MEMLOCK in bytes ({@code Long.MAX_VALUE} when unlimited). */
    private static long memlockLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max locked memory")) {
                String soft =
                        line.substring("Max locked memory".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("no locked-memory limit in /proc/self/limits");
    }
}
