package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation as systemd does it, without systemd as PID 1: Debian's {@code
 * systemd-socket-activate} listens on the socket, starts the daemon at the first connection and
 * hands it the socket as descriptor 3 ({@code LISTEN_FDS}, {@code LISTEN_PID}). The daemon serves
 * on it (the CLI's first call waits for it, then works), leaves its file alone when it stops, and
 * refuses a socket that is not where the CLI looks.
 */
class SocketActivationTest {

    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

    @TempDir
    Path dir;

    private Process activate(Path home, Path socket, Path log) throws Exception {
        var command = new ArrayList<>(List.of(
                ACTIVATE.toString(),
                "-l",
                socket.toString(),
                "-E",
                "OMNIVAULT_HOME=" + home,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                DaemonProcess.classPath(),
                Main.class.getName(),
                "daemon",
                "run"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * systemd-socket-activate listening on {@code socket} for the daemon of {@code home}, once
     * the socket is there; closing it stops the daemon (if one runs) and the activator.
     */
    private record Activated(Process activator, Path home) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            try {
                DaemonProcess.cli(home, "", "daemon", "stop");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                activator.destroyForcibly();
            }
        }
    }

    private Activated activated(Path home, Path socket, Path log) throws Exception {
        Process activator = activate(home, socket, log);
        awaitSocket(socket);
        return new Activated(activator, home);
    }

    /** A new vault with one secret, app/k = "activated", through the CLI. */
    private static void initWithOneSecret(Path home) throws Exception {
        assertEquals(
                0,
                DaemonProcess.cli(home, "password one\npassword one\n", "init").exitCode());
        assertEquals(0, DaemonProcess.cli(home, "", "set", "app/k", "activated").exitCode());
    }

    private static void assumeActivator() {
        assumeTrue(
                Files.isExecutable(ACTIVATE),
                "systemd-socket-activate (Debian's systemd) is needed; .ci/run installs it");
    }

    private Path privateHome() throws java.io.IOException {
        return Files.createDirectory(
                dir.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void awaitSocket(Path socket) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void theDaemon_servesOnTheSocketSystemdHandsIt() throws Exception {
        assumeActivator();
        Path home = privateHome();
        Path socket = home.resolve("omnivaultd.sock");
        Path log = dir.resolve("daemon.log");
        try (var activated = activated(home, socket, log)) {
            var status = DaemonProcess.cli(home, "", "status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().startsWith("Daemon: running\n"), status.out());
            initWithOneSecret(home);
            assertEquals(
                    "activated\n", DaemonProcess.cli(home, "", "get", "app/k").out());
            String said = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(said.contains("daemon started socket=" + socket + " (from systemd)"), said);

            assertEquals(0, DaemonProcess.cli(home, "", "daemon", "stop").exitCode());
            assertTrue(activated.activator().waitFor(30, TimeUnit.SECONDS), "the activator ends with its daemon");
            assertTrue(Files.exists(socket), "the socket file is systemd's: the daemon leaves it");
        }
    }

    @Test
    void aSocketElsewhere_thanWhereTheCliLooks_isRefused() throws Exception {
        assumeActivator();
        Path home = privateHome();
        Path elsewhere = dir.resolve("elsewhere.sock");
        Path log = dir.resolve("daemon.log");
        try (var activated = activated(home, elsewhere, log)) {
            try (var _ = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(elsewhere))) {
                // the first connection starts the daemon, which refuses the socket and exits
            }
            assertTrue(activated.activator().waitFor(30, TimeUnit.SECONDS));
            String said = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(said.contains("Error: systemd handed over the socket " + elsewhere), said);
            assertTrue(said.contains("but the CLI looks for " + home.resolve("omnivaultd.sock")), said);
        }
    }

    /**
     * One daemon per vault holds under socket activation too: beside the daemon systemd started,
     * a {@code daemon start} by hand starts nothing, a {@code daemon run} by hand is refused, and
     * neither takes systemd's socket away from the daemon that serves it.
     */
    @Test
    void aDaemonStartedByHand_besideTheActivatedOne_startsNothing_andTheSocketStillServes() throws Exception {
        assumeActivator();
        Path home = privateHome();
        Path socket = home.resolve("omnivaultd.sock");
        try (var _ = activated(home, socket, dir.resolve("daemon.log"))) {
            initWithOneSecret(home);

            var start = DaemonProcess.cli(home, "", "daemon", "start");
            assertEquals(0, start.exitCode(), start.toString());
            assertTrue(start.out().contains("already running"), start.toString());
            try (var second = DaemonProcess.launch(home)) {
                assertEquals(1, second.awaitExit(), second.output());
                assertTrue(second.output().contains("Error: "), second.output());
            }
            assertTrue(Files.exists(socket), "the refused daemon left systemd's socket alone");
            assertEquals(
                    "activated\n", DaemonProcess.cli(home, "", "get", "app/k").out());
        }
    }

    /**
     * A {@code LISTEN_PID} naming another process is not for this daemon (systemd's rule): with
     * {@code LISTEN_FDS=1} and someone else's PID it takes no descriptor 3 and serves on a socket
     * of its own, where the CLI looks.
     */
    @Test
    void aListenPidOfAnotherProcess_isIgnored() throws Exception {
        Path home = privateHome();
        try (var daemon = DaemonProcess.launch(home, java.util.Map.of("LISTEN_FDS", "1", "LISTEN_PID", "1"))) {
            daemon.awaitAnswering();
            String said = daemon.output();
            assertTrue(said.contains("daemon started socket=" + home.resolve("omnivaultd.sock")), said);
            assertFalse(said.contains("(from systemd)"), said);
            var status = DaemonProcess.cli(home, "", "status");
            assertTrue(status.out().startsWith("Daemon: running\n"), status.out());
        }
    }

    /**
     * The peer-uid check holds on the socket systemd hands over: another user who can reach it
     * (here, once the daemon runs, the socket and its folders opened to all, as a careless unit or
     * admin might) gets 403 on every request, and the owner's vault stays as it was. Needs root,
     * to act as nobody through setpriv.
     */
    @Test
    void anotherUser_onTheActivatedSocket_getsForbidden() throws Exception {
        assumeActivator();
        assumeTrue("root".equals(System.getProperty("user.name")), "acting as another user needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/curl")));
        Path home = privateHome();
        Path socket = home.resolve("omnivaultd.sock");
        try (var _ = activated(home, socket, dir.resolve("daemon.log"))) {
            assertEquals(
                    0,
                    DaemonProcess.cli(home, "password one\npassword one\n", "init")
                            .exitCode());
            assertEquals(
                    0, DaemonProcess.cli(home, "", "set", "mine/a", "not yours").exitCode());
            // the home and the test's own folder only (never a shared folder above them)
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            assertEquals("403", asNobody(socket, "http://localhost/status"));
            assertEquals("403", asNobody(socket, "http://localhost/secret/mine/a"));
            assertEquals("403", asNobody(socket, "-X", "POST", "http://localhost/lock"));
            assertEquals(
                    "not yours\n", DaemonProcess.cli(home, "", "get", "mine/a").out(), "still unlocked");
        }
    }

    /**
     * {@code doctor --fix} on a socket systemd listens on before any daemon runs: a socket with no
     * daemon behind it looks like one a crashed daemon left, but doctor's own probe is the first
     * connection, which starts the daemon, so the socket is not removed as stale; the fix only
     * tightens its mode, and the socket keeps serving.
     */
    @Test
    void doctorFix_onAnActivatedSocketWithNoDaemonYet_keepsTheSocket() throws Exception {
        assumeActivator();
        Path home = privateHome();
        Path socket = home.resolve("omnivaultd.sock");
        try (var _ = activated(home, socket, dir.resolve("daemon.log"))) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-r--r--"));
            var fix = DaemonProcess.cli(home, "", "doctor", "--fix");
            assertTrue(fix.out().contains("daemon: running"), fix.toString());
            assertFalse(fix.out().contains("stale"), fix.toString());
            assertTrue(Files.exists(socket), "systemd's socket is still there");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            var again = DaemonProcess.cli(home, "", "doctor");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(DaemonProcess.cli(home, "", "status").out().startsWith("Daemon: running\n"));
        }
    }

    private static String asNobody(Path socket, String... request) throws Exception {
        var command = new ArrayList<>(List.of(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "/usr/bin/curl",
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--max-time",
                "30",
                "--unix-socket",
                socket.toString()));
        command.addAll(List.of(request));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
        return out.strip(); // the status code, or curl's complaint after "000"
    }
}
