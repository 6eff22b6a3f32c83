package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The daemon as a real process: signals, a killed daemon's leftovers, a second daemon. */
class DaemonLifecycleTest {

    @TempDir
    Path dir;

    private static final String INIT = "{\"password\":\"correct horse battery\"}";

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignal_locksRemovesTheSocketAndPidFile_andExits0(String signal) throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            assertEquals(200, daemon.client().request("POST", "/init", INIT).status());
            daemon.signal(signal);
            assertEquals(0, daemon.awaitExit(), daemon.output());
            assertFalse(Files.exists(daemon.socket()), "socket removed");
            assertFalse(Files.exists(daemon.pidFile()), "PID file removed");
            String output = daemon.output();
            assertTrue(output.contains("INFO vault locked"), output);
            assertTrue(output.contains("INFO daemon stopped"), output);
        }
    }

    /**
     * {@code --store memory}: the daemon serves a vault that no file holds, says so at start,
     * and the vault is gone once it stops; the next daemon (files, the default) finds none.
     */
    @Test
    void aDaemonWithTheMemoryStore_keepsNoFile_warns_andForgetsTheVaultWhenItStops() throws Exception {
        Path home = dir.resolve("home");
        try (var daemon = DaemonProcess.start(home, "--store", "memory")) {
            assertEquals(200, daemon.client().request("POST", "/init", INIT).status());
            assertEquals(
                    200,
                    daemon.client()
                            .request("PUT", "/secret/app%2Fkey", "{\"value\":\"in memory\"}")
                            .status());
            var read = daemon.client().get("/secret/app%2Fkey");
            assertTrue(read.body().contains("in memory"), read.body());
            assertFalse(Files.exists(home.resolve("vault.meta")), "no vault file");
            assertFalse(Files.exists(home.resolve("vault.enc")), "no vault file");
            assertTrue(daemon.output().contains("WARN the vault is kept in memory only"), daemon.output());
            assertEquals(200, daemon.client().request("POST", "/stop", "").status());
            assertEquals(0, daemon.awaitExit(), daemon.output());
        }
        try (var next = DaemonProcess.start(home)) {
            var status = next.client().get("/status");
            assertTrue(status.body().contains("\"vault_exists\":false"), status.body());
        }
    }

    @Test
    void stop_endsTheDaemonLikeASignal() throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            assertEquals(200, daemon.client().request("POST", "/stop", "").status());
            assertEquals(0, daemon.awaitExit());
            assertFalse(Files.exists(daemon.socket()));
        }
    }

    @Test
    void aKilledDaemonsLeftovers_areCleanedByTheNextStart() throws Exception {
        Path home = dir.resolve("home");
        try (var first = DaemonProcess.start(home)) {
            assertEquals(200, first.client().request("POST", "/init", INIT).status());
            first.signal("KILL");
            first.process.waitFor(30, TimeUnit.SECONDS);
            assertTrue(Files.exists(first.socket()), "a SIGKILL leaves the socket behind");
            assertTrue(Files.exists(first.pidFile()), "and the PID file");
        }
        try (var second = DaemonProcess.start(home)) {
            var status = second.client().get("/status");
            assertEquals(200, status.status());
            assertTrue(status.body().contains("\"vault_exists\":true"), status.body());
            assertEquals(
                    Long.toString(second.process.pid()),
                    Files.readString(second.pidFile()).strip());
        }
    }

    @Test
    void aSecondDaemon_isRefused_andTheFirstKeepsAnswering() throws Exception {
        Path home = dir.resolve("home");
        try (var first = DaemonProcess.start(home);
                var second = DaemonProcess.launch(home)) {
            assertEquals(1, second.awaitExit());
            assertTrue(
                    second.output()
                            .contains("Error: a daemon is already running for " + home + " (PID " + first.process.pid()
                                    + ")"),
                    second.output());
            assertEquals(200, first.client().get("/status").status());
            assertEquals(
                    Long.toString(first.process.pid()),
                    Files.readString(first.pidFile()).strip());
        }
    }

    /** The lock is the directory's, not the transport's: a TCP daemon beside a socket one is refused too. */
    @Test
    void aSecondDaemonOnTcp_isRefused_andTouchesNoFileOfTheFirst() throws Exception {
        int port = freeLoopbackPort();
        Path home = dir.resolve("home");
        try (var first = DaemonProcess.start(home)) {
            assertEquals(200, first.client().request("POST", "/init", INIT).status());
            var before = snapshot(home);
            try (var second = DaemonProcess.launch(home, "--transport", "tcp", "--tcp-address", "127.0.0.1:" + port)) {
                assertEquals(1, second.awaitExit(), second.output());
                assertTrue(second.output().contains("Error: a daemon is already running for " + home), second.output());
            }
            assertEquals(before, snapshot(home), "no file of the first daemon was written, removed or added");
            try (var tcp = new java.net.Socket()) {
                tcp.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
                throw new AssertionError("the refused daemon listens on " + port);
            } catch (java.io.IOException nothingListens) {
                // as it should be
            }
            var status = first.client().get("/status");
            assertTrue(status.body().contains("\"locked\":false"), status.body());
        }
    }

    private static int freeLoopbackPort() throws java.io.IOException {
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Each file of {@code home} (but the daemons' outputs) with its size and modification time. */
    private static java.util.Map<String, String> snapshot(Path home) throws java.io.IOException {
        var files = new java.util.TreeMap<String, String>();
        try (var listing = Files.list(home)) {
            for (Path file : listing.toList()) {
                files.put(
                        file.getFileName().toString(),
                        Files.isRegularFile(file)
                                ? Files.size(file) + "@"
                                        + Files.getLastModifiedTime(file).toMillis()
                                : "other");
            }
        }
        return files;
    }

    @Test
    void theDaemon_cannotDumpCore() throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            Path limits = Path.of("/proc", Long.toString(daemon.process.pid()), "limits");
            String coreLine = Files.readAllLines(limits).stream()
                    .filter(line -> line.startsWith("Max core file size"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(coreLine.matches("Max core file size\\s+0\\s+0\\s+bytes\\s*"), coreLine);
        }
    }

    @Test
    void theTcpTransport_needsTheTokenFromItsOwnerOnlyFile() throws Exception {
        int port = freeLoopbackPort();
        Path home = dir.resolve("home");
        try (var daemon = DaemonProcess.start(home, "--transport", "tcp", "--tcp-address", "127.0.0.1:" + port)) {
            Path tokenFile = home.resolve("omnivaultd.token");
            assertEquals(
                    "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            String token = Files.readString(tokenFile).strip();
            var address = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
            String request = "GET /status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
            assertEquals(
                    401,
                    dev.omnivault.adapter.socket.testing.UnixHttpClient.rawTcp(address, request + "\r\n")
                            .status());
            var served = dev.omnivault.adapter.socket.testing.UnixHttpClient.rawTcp(
                    address, request + "Authorization: Bearer " + token + "\r\n\r\n");
            assertEquals(200, served.status(), served.body());
            assertTrue(daemon.output().contains("INFO daemon started address=127.0.0.1:" + port), daemon.output());
            assertFalse(Files.exists(daemon.socket()), "no Unix socket in TCP mode");

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit());
            assertFalse(Files.exists(tokenFile), "the token goes with the daemon");
        }
    }

    @Test
    void badOptions_areUsageErrors() throws Exception {
        try (var daemon = DaemonProcess.launch(dir.resolve("home"), "--auto-lock", "soon")) {
            assertEquals(2, daemon.awaitExit());
            assertTrue(daemon.output().contains("Error: --auto-lock: invalid duration \"soon\""), daemon.output());
        }
        try (var daemon =
                DaemonProcess.launch(dir.resolve("home"), "--transport", "tcp", "--tcp-address", "0.0.0.0:19839")) {
            assertEquals(2, daemon.awaitExit());
            assertTrue(daemon.output().contains("must be a loopback address"), daemon.output());
        }
    }
}
