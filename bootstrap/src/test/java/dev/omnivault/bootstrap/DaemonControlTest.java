package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daemon start|status|stop as a user runs them, each a separate CLI process. */
class DaemonControlTest {

    @TempDir
    Path dir;

    /**
     * A process that has ended but is not reaped yet (a zombie) is not running, though the JDK
     * calls it alive: here a child of a shell that execs into {@code sleep} and so never reaps it.
     */
    @Test
    void anEndedProcessNotYetReaped_isNotRunning() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 2 & echo $!; exec sleep 30").start();
        try {
            long child = Long.parseLong(parent.inputReader().readLine().strip());
            ProcessHandle handle = ProcessHandle.of(child).orElseThrow();
            assertTrue(DaemonControl.running(handle), "sleeping still");
            Path stat = Path.of("/proc", Long.toString(child), "stat");
            Instant deadline = Instant.now().plusSeconds(10);
            while (!Files.readString(stat).contains(") Z ") && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(stat).contains(") Z "), "the child ended and nobody reaped it");
            assertTrue(handle.isAlive(), "the JDK still calls the zombie alive");
            assertFalse(DaemonControl.running(handle));
            assertTrue(DaemonControl.running(ProcessHandle.current()));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void startTwice_statusAndStop() throws Exception {
        Path home = dir.resolve("home");
        assertEquals(
                "Daemon: not running\n",
                DaemonProcess.cli(home, "", "daemon", "status").out());

        var started = DaemonProcess.cli(home, "", "daemon", "start", "--auto-lock", "10m");
        assertEquals(0, started.exitCode(), started.toString());
        assertTrue(started.out().matches("Daemon started \\(PID: \\d+\\)\n"), started.out());
        long pid =
                Long.parseLong(Files.readString(home.resolve("omnivaultd.pid")).strip());
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("omnivaultd.log"))));

            var again = DaemonProcess.cli(home, "", "daemon", "start");
            assertEquals(0, again.exitCode());
            assertEquals("Daemon is already running (PID: " + pid + ")\n", again.out());

            var status = DaemonProcess.cli(home, "", "daemon", "status");
            assertTrue(status.out().startsWith("Daemon: running (PID: " + pid + ")\n"), status.out());
            assertTrue(status.out().contains("\nVault: not initialized\n"), status.out());

            var stopped = DaemonProcess.cli(home, "", "daemon", "stop");
            assertEquals("Daemon stopped\n", stopped.out(), stopped.toString());
            // ended, if perhaps not reaped yet by this machine's init (see DaemonControl.running)
            assertFalse(ProcessHandle.of(pid).map(DaemonControl::running).orElse(false), "the process has ended");
            assertFalse(Files.exists(home.resolve("omnivaultd.sock")));
            assertEquals(
                    "Daemon is not running\n",
                    DaemonProcess.cli(home, "", "daemon", "stop").out());
            assertTrue(Files.readString(home.resolve("omnivaultd.log")).contains("INFO daemon started socket="));
        } finally {
            Optional<ProcessHandle> left = ProcessHandle.of(pid);
            left.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDaemonThatCannotStart_isReportedWithTheLogsLastLines() throws Exception {
        Path home = dir.resolve("home");
        var failed = DaemonProcess.cli(home, "", "daemon", "start", "--auto-lock", "soon");
        assertEquals(2, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("invalid duration"), failed.err());
    }

    /** After a kill -9, the PID file may name anyone: stop signals only the holder of the daemon lock. */
    @Test
    void stop_withAStalePidFileNamingALiveStranger_killsNobody_andRemovesTheFile() throws Exception {
        Path home = dir.resolve("home");
        var started = DaemonProcess.cli(home, "", "daemon", "start");
        assertEquals(0, started.exitCode(), started.toString());
        long daemonPid =
                Long.parseLong(Files.readString(home.resolve("omnivaultd.pid")).strip());
        Process stranger = new ProcessBuilder("sleep", "120").start();
        try {
            ProcessHandle.of(daemonPid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(daemonPid).ifPresent(handle -> handle.onExit().join());
            Files.writeString(home.resolve("omnivaultd.pid"), stranger.pid() + "\n");

            var stopped = DaemonProcess.cli(home, "", "daemon", "stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
            assertEquals(
                    "Removed a stale PID file, " + home.resolve("omnivaultd.pid") + " (PID " + stranger.pid()
                            + " is not this vault's daemon)\nDaemon is not running\n",
                    stopped.out());
            assertTrue(stranger.isAlive(), "the stranger was not signalled");
            assertFalse(Files.exists(home.resolve("omnivaultd.pid")));

            // and a start over the same leftovers neither trusts the PID file nor refuses
            Files.writeString(home.resolve("omnivaultd.pid"), stranger.pid() + "\n");
            var again = DaemonProcess.cli(home, "", "daemon", "start");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(again.out().matches("Daemon started \\(PID: \\d+\\)\n"), again.out());
            assertTrue(stranger.isAlive());
            assertEquals(
                    "Daemon stopped\n",
                    DaemonProcess.cli(home, "", "daemon", "stop").out());
            assertTrue(stranger.isAlive());
        } finally {
            stranger.destroyForcibly();
            ProcessHandle.of(daemonPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
