package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units in contrib/systemd, as systemd reads them ({@code systemd-analyze verify}
 * says nothing about a unit it accepts), and the settings the README promises.
 */
class SystemdUnitsTest {

    private static final Path UNITS = Path.of("..", "contrib", "systemd");

    @TempDir
    Path dir;

    @Test
    void theUnits_areAcceptedBySystemd_andHoldWhatTheReadmeSays() throws Exception {
        String socket = Files.readString(UNITS.resolve("omnivault.socket"));
        String service = Files.readString(UNITS.resolve("omnivault.service"));
        for (String line : new String[] {
            "ListenStream=%h/.omnivault/omnivaultd.sock", "SocketMode=0600", "DirectoryMode=0700", "Accept=no"
        }) {
            assertTrue(socket.contains("\n" + line + "\n"), line);
        }
        for (String line : new String[] {
            "NoNewPrivileges=yes",
            "LimitCORE=0",
            "PrivateTmp=yes",
            "ProtectSystem=strict",
            "ReadWritePaths=%h/.omnivault",
            "UMask=0077"
        }) {
            assertTrue(service.contains("\n" + line + "\n"), line);
        }
        assertFalse(service.contains("\nMemoryDenyWriteExecute="), "the JIT needs writable code memory");

        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze (Debian's systemd) is needed; .ci/run installs it");
        Files.writeString(dir.resolve("omnivault.socket"), socket);
        Files.writeString(dir.resolve("omnivault.service"), service.replace("@OMNIVAULT@", "/bin/true"));
        assertSystemdAccepts(dir);
    }

    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    /**
     * The two units in {@code units}, as systemd reads them: {@code systemd-analyze verify} has
     * nothing to say (skipped where Debian's systemd is not installed).
     */
    static void assertSystemdAccepts(Path units) throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze (Debian's systemd) is needed; .ci/run installs it");
        Process verify = new ProcessBuilder(
                        ANALYZE.toString(),
                        "verify",
                        units.resolve("omnivault.socket").toString(),
                        units.resolve("omnivault.service").toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", said.strip(), "systemd-analyze verify has something to say");
    }
}
