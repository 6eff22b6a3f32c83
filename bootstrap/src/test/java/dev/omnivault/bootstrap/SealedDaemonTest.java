package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's ways into the daemon are shut in every way the product starts it: {@code jcmd} is
 * refused, options from the caller's environment never reach it, and its crash log would go to
 * the config directory; a daemon JVM started with such options refuses to run.
 */
class SealedDaemonTest {

    @TempDir
    Path dir;

    /** Runs {@code jcmd PID COMMAND} and returns what it printed (an attach refused says so). */
    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
        return output + "(exit " + process.exitValue() + ")";
    }

    /**
     * The whole command line of {@code pid}, from {@code /proc} (ProcessHandle shows no arguments of
     * a command line longer than a page, as a daemon's with a long module path is).
     */
    static List<String> commandLine(long pid) throws IOException {
        String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
        return List.of(cmdline.split("\0"));
    }

    @Test
    void aDaemonStarted_byDaemonStart_refusesJcmd_andGetsNoJvmOptionsFromTheEnvironment() throws Exception {
        Path home = dir.resolve("home");
        var started = DaemonProcess.cli(
                home,
                Map.of("JAVA_TOOL_OPTIONS", "-Domnivault.planted=1", "_JAVA_OPTIONS", "-Dx=y"),
                "",
                "daemon",
                "start");
        assertEquals(0, started.exitCode(), started.toString());
        assertTrue(started.err().contains("Warning: JAVA_TOOL_OPTIONS is not passed to the daemon"), started.err());
        long pid =
                Long.parseLong(Files.readString(home.resolve("omnivaultd.pid")).strip());
        try {
            String attach = jcmd(pid, "GC.heap_dump " + dir.resolve("dump.hprof"));
            assertTrue(attach.contains("does not support the attach mechanism"), attach);
            assertFalse(Files.exists(dir.resolve("dump.hprof")), "no heap was dumped");

            List<String> arguments = commandLine(pid);
            assertTrue(arguments.contains("-XX:+DisableAttachMechanism"), arguments.toString());
            assertTrue(arguments.contains("-XX:-EnableDynamicAgentLoading"), arguments.toString());
            assertTrue(
                    arguments.contains("-XX:ErrorFile=" + home.resolve("omnivaultd-crash-%p.log")),
                    arguments.toString());
            assertFalse(arguments.toString().contains("planted"), arguments.toString());
            String log = Files.readString(home.resolve("omnivaultd.log"));
            assertFalse(log.contains("attach mechanism open"), "a sealed daemon does not warn");
            // what it can do for the keys is said at start, whichever it is (LockedMemoryTest checks each)
            assertTrue(log.contains("keys are kept off the Java heap"), log);
            // taken beside the rest of the start, but waited for before the socket is listened on
            assertTrue(
                    log.indexOf("keys are kept off the Java heap") < log.indexOf("daemon started"),
                    "the safeguards were taken before the daemon listened: " + log);
            assertFalse(log.contains("restricted method"), "native access is granted, not warned about: " + log);
        } finally {
            assertEquals(
                    "Daemon stopped\n",
                    DaemonProcess.cli(home, "", "daemon", "stop").out());
        }
    }

    /** bin/omnivault starts the daemon itself (daemon run): with the same seals and native access. */
    @Test
    void theLauncher_passesTheSameSealingFlags_andNativeAccess() throws IOException {
        String launcher = Files.readString(Path.of("..", "bin", "lib", "cli.sh"));
        for (String flag : SealedJvm.FLAGS) {
            assertTrue(launcher.contains(flag), flag);
        }
        // and the same memory settings, in the same order (a later flag wins in a JVM's options)
        assertTrue(
                launcher.replaceAll("\\s+", " ").contains(String.join(" ", SealedJvm.MEMORY_FLAGS)),
                "bin/lib/cli.sh's DAEMON_MEMORY_FLAGS: " + SealedJvm.MEMORY_FLAGS);
        assertTrue(launcher.contains(SealedJvm.NATIVE_ACCESS), SealedJvm.NATIVE_ACCESS);
    }

    @Test
    void aDaemonJvm_startedWithOptionsFromTheEnvironment_refusesToRun() throws Exception {
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            Path home = dir.resolve("home-" + variable);
            try (var daemon = DaemonProcess.launch(home, Map.of(variable, "-Domnivault.planted=1"))) {
                assertEquals(1, daemon.awaitExit(), daemon.output());
                assertTrue(daemon.output().contains("Error: " + variable + " is set"), daemon.output());
                assertFalse(Files.exists(home.resolve("omnivaultd.lock")), "it stopped before touching the directory");
            }
        }
    }

    @Test
    void aDaemonJvm_startedWithoutTheSealingFlags_saysItsAttachIsOpen() throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            assertTrue(daemon.output().contains("attach mechanism open"), daemon.output());
        }
    }

    /** A flag given and then taken back leaves attach open, and the daemon says so. */
    @Test
    void aDaemonJvm_whoseLastWordOnAttachOpensIt_saysItsAttachIsOpen() throws Exception {
        var options = List.of("-XX:+DisableAttachMechanism", "-XX:-DisableAttachMechanism");
        try (var daemon = DaemonProcess.launch(dir.resolve("home"), options, Map.of())) {
            daemon.awaitAnswering();
            assertTrue(daemon.output().contains("attach mechanism open"), daemon.output());
        }
    }

    /**
     * A sealed daemon whose command line is longer than a page (Linux then shows none of its
     * arguments to ProcessHandle) still knows it is sealed: CI once had a module path that long.
     */
    @Test
    void aSealedDaemonJvm_withACommandLineLongerThanAPage_doesNotWarn() throws Exception {
        var options = List.of("-XX:+DisableAttachMechanism", "-Domnivault.padding=" + "p".repeat(5000));
        try (var daemon = DaemonProcess.launch(dir.resolve("home"), options, Map.of())) {
            daemon.awaitAnswering();
            assumeTrue(
                    ProcessHandle.of(daemon.pid())
                            .orElseThrow()
                            .info()
                            .arguments()
                            .isEmpty(),
                    "this JDK shows a long command line's arguments; the case is not tried");
            assertFalse(daemon.output().contains("attach mechanism open"), daemon.output());
        }
    }

    @Test
    void theMemoryFlags_takeAHeapInMebibytes_andNothingElse() {
        assertTrue(SealedJvm.memoryFlags("1024m").contains("-Xmx1024m"));
        assertFalse(SealedJvm.memoryFlags("1024m").contains("-Xmx256m"), "the heap is replaced, not added");
        assertEquals(
                SealedJvm.MEMORY_FLAGS.size(), SealedJvm.memoryFlags("1024m").size());
        for (String notASize : new String[] {"", "1g", "512m -XX:+Foo", "-Xss1m", "0m", "8m"}) {
            assertEquals(SealedJvm.MEMORY_FLAGS, SealedJvm.memoryFlags(notASize), notASize);
        }
    }
}
