package dev.omnivault.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What every scenario shares: where the program is, a fresh home per daemon, the mode and the seed. */
final class Workbench {

    static final String PASSWORD = "torture test password";

    /** The JDK's {@code jcmd}, beside the java running the suite (a scenario skips when it is missing). */
    static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private final Path programLib;
    private final Path root;
    private final boolean quick;
    private final long seed;
    private final AtomicInteger homes = new AtomicInteger();

    Workbench(Path programLib, Path root, boolean quick, long seed) {
        this.programLib = programLib;
        this.root = root;
        this.quick = quick;
        this.seed = seed;
    }

    boolean quick() {
        return quick;
    }

    long seed() {
        return seed;
    }

    /** The daemon's packaged program (its module directory, {@code bootstrap/target/lib}). */
    Path programLib() {
        return programLib;
    }

    /** A new, empty OMNIVAULT_HOME (not created: the daemon creates it with mode 700). */
    Path newHome(String name) throws IOException {
        Files.createDirectories(root);
        return root.resolve(name + "-" + homes.incrementAndGet());
    }

    Daemon start(Path home, String... options) throws IOException, InterruptedException {
        return Daemon.start(programLib, home, List.of(options));
    }

    /** A {@code daemon run} that is not waited for (one that must be refused). */
    Process launch(Path home, String... options) throws IOException {
        return Daemon.launch(programLib, home, List.of(options));
    }

    /** One CLI command of the whole program against {@code home}. */
    Daemon.Cli cli(Path home, String... args) throws IOException, InterruptedException {
        return Daemon.cli(programLib, home, args);
    }

    /** One CLI command with {@code stdin} given to it. */
    Daemon.Cli cliWithInput(Path home, String stdin, String... args) throws IOException, InterruptedException {
        return Daemon.cli(programLib, home, stdin, args);
    }

    /** A loopback port that nothing listens on now. */
    static int freeLoopbackPort() throws IOException {
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A TCP daemon on {@code port}, started as the product starts it ({@code daemon start}), in a new home. */
    Path startTcpDaemon(String name, int port) throws IOException, InterruptedException {
        Path home = newHome(name);
        var started = cli(home, "daemon", "start", "--transport", "tcp", "--tcp-address", "127.0.0.1:" + port);
        if (started.exitCode() != 0) {
            throw new IllegalStateException("daemon start failed: " + started.output());
        }
        return home;
    }

    /** A daemon with an initialised, unlocked vault. */
    Daemon startInitialised(String name, String... options) throws IOException, InterruptedException {
        Daemon daemon = start(newHome(name), options);
        var reply = daemon.http().request("POST", "/init", "{\"password\":\"" + PASSWORD + "\"}");
        if (reply.status() != 200) {
            daemon.close();
            throw new IllegalStateException("init failed: " + reply);
        }
        return daemon;
    }
}
