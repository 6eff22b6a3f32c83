package dev.omnivault.bootstrap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM's own ways into the daemon, closed in every way the product starts it (SPEC §4): no
 * attach (so no {@code jcmd}, heap dump or agent from another process of the user), no dynamic
 * agents, no JVM options taken from the caller's environment, and a crash log only in the config
 * directory (mode 700) instead of the caller's working directory.
 */
final class SealedJvm {

    /** The flags every launch of the daemon passes (bin/lib/cli.sh passes the same two). */
    static final List<String> FLAGS = List.of("-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading");

    /**
     * The heap bin/lib/cli.sh was asked for (OMNIVAULT_DAEMON_HEAP, checked there and given in MiB),
     * which {@code daemon start} passes on to the daemon it launches.
     */
    static final String HEAP_PROPERTY = "omnivault.daemon.heap";

    /** {@link #MEMORY_FLAGS} with {@code heap} (such as {@code 512m}) as the heap's ceiling; the default when it is not a size. */
    static List<String> memoryFlags(String heap) {
        if (!heap.matches("[1-9][0-9]{1,5}m")) {
            return MEMORY_FLAGS;
        }
        return MEMORY_FLAGS.stream()
                .map(flag -> flag.startsWith("-Xmx") ? "-Xmx" + heap : flag)
                .toList();
    }

    /**
     * The memory settings of a small, long-lived daemon, passed with {@link #FLAGS} (bin/lib/cli.sh
     * passes the same list and says why each is there): the serial collector, a heap from 8 to
     * 256 MiB that shrinks back right after a full collection, the C heap trimmed every 2 s, and an
     * end at once when the heap runs out.
     */
    static final List<String> MEMORY_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xms8m",
            "-Xmx256m",
            "-XX:-ShrinkHeapInSteps",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-XX:TrimNativeHeapInterval=2000",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * The modules that call the C library (bin/lib/cli.sh passes the same list): bootstrap's
     * ProcessHardening, the seal's LockedMemory, the CLI's terminal, junixsocket.
     */
    static final String NATIVE_ACCESS = "--enable-native-access=dev.omnivault.bootstrap,dev.omnivault.adapter.seal,"
            + "dev.omnivault.adapter.cli,org.newsclub.net.unix";

    /** Variables through which the JVM takes options (an agent, a debugger) from whoever starts it. */
    static final List<String> ENVIRONMENT_OPTIONS = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private SealedJvm() {}

    /** Where a JVM crash of the daemon writes its log: the config directory, never the working directory. */
    static String errorFileFlag(Path configDirectory) {
        return "-XX:ErrorFile=" + configDirectory.resolve("omnivaultd-crash-%p.log");
    }

    /**
     * Why the daemon must not run in {@code environment}: a {@code JAVA_TOOL_OPTIONS} or the like
     * was applied to this JVM before any of our code ran, so the only safe answer is to stop.
     */
    static Optional<String> refusal(Map<String, String> environment) {
        for (String name : ENVIRONMENT_OPTIONS) {
            if (!environment.getOrDefault(name, "").isBlank()) {
                return Optional.of(name + " is set, and the JVM took options from it (a -javaagent or"
                        + " -agentlib there would run inside the daemon); unset it, or start the daemon with"
                        + " omnivault daemon start, which clears it");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this JVM runs with its attach mechanism closed, as the JVM itself says: its command
     * line is no answer, since Linux shows no arguments of a process whose command line is longer
     * than a page (a long module path), and a later {@code -XX:-DisableAttachMechanism} undoes an
     * earlier {@code +}.
     */
    static boolean attachClosed() {
        return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("DisableAttachMechanism")
                .getValue());
    }
}
