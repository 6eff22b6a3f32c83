package dev.omnivault.torture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An impostor where the CLI looks for its daemon: a TCP daemon killed with SIGKILL leaves its
 * token and address files, and another process takes the port and answers like a daemon; and (as
 * root) a process of another user answers on the Unix socket. The CLI runs unlock, set and get
 * against each: the impostor must receive no token, no password and no value, and the user must
 * be told that the process answering is not this vault's daemon.
 */
final class ImpostorScenario implements Scenario {

    private static final String PASSWORD = Workbench.PASSWORD;
    private static final String VALUE = "value the impostor wants";

    @Override
    public String name() {
        return "impostor";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        var figures = new ArrayList<Figure>();
        int port = Workbench.freeLoopbackPort();
        Path home = bench.startTcpDaemon("impostor", port);
        long pid =
                Long.parseLong(Files.readString(home.resolve("omnivaultd.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());

        var received = new ByteArrayOutputStream();
        long told;
        try (var impostor = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> answerLikeADaemon(impostor, received));
            told = runCommands(bench, home, "is not this vault's daemon");
        }
        figures.addAll(judge("tcp", received, commands().size(), told));
        figures.addAll(unixSocketOfAnotherUser(bench));
        return figures;
    }

    /** Runs {@link #commands} against {@code home}; how many said {@code refusal}. */
    private static long runCommands(Workbench bench, Path home, String refusal) throws Exception {
        long told = 0;
        for (String[] command : commands()) {
            var run = bench.cliWithInput(home, command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
            if (run.output().contains(refusal)) {
                told++;
            }
        }
        return told;
    }

    private static List<String[]> commands() {
        return List.of(
                new String[] {PASSWORD + "\n", "unlock"},
                new String[] {"", "set", "stolen/one", VALUE},
                new String[] {"", "get", "stolen/one"});
    }

    private List<Figure> judge(String where, ByteArrayOutputStream received, int commands, long told) {
        String seen;
        synchronized (received) {
            seen = received.toString(StandardCharsets.ISO_8859_1);
        }
        long tokens = seen.contains("Bearer") ? 1 : 0;
        long passwords = seen.contains(PASSWORD) ? 1 : 0;
        long values = seen.contains(VALUE) ? 1 : 0;
        return List.of(
                Figure.info(
                        name(), where + ": CLI commands run against the impostor", commands + " (unlock, set, get)"),
                Figure.zero(name(), where + ": tokens the impostor received", tokens),
                Figure.zero(name(), where + ": passwords the impostor received", passwords),
                Figure.zero(name(), where + ": values the impostor received", values),
                Figure.check(
                        name(),
                        where + ": commands that said it is not the daemon",
                        told,
                        "= " + commands,
                        told == commands));
    }

    /** Answers every connection as a daemon would look, with a proof of nothing, and records what came. */
    private static void answerLikeADaemon(ServerSocket impostor, ByteArrayOutputStream received) {
        while (!impostor.isClosed()) {
            try (Socket peer = impostor.accept()) {
                peer.setSoTimeout(1000);
                byte[] buffer = new byte[65536];
                String forged = "{\"proof\":\"" + "00".repeat(32) + "\"}";
                byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + forged.length() + "\r\n\r\n" + forged)
                        .getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int read = peer.getInputStream().read(buffer);
                            read > 0;
                            read = peer.getInputStream().read(buffer)) {
                        synchronized (received) {
                            received.write(buffer, 0, read);
                        }
                        peer.getOutputStream().write(answer);
                    }
                } catch (IOException timedOut) {
                    // the client went away
                }
            } catch (IOException closed) {
                // the scenario is over
            }
        }
    }

    /**
     * As root: a listener of uid 65534 (python3 under setpriv) whose socket is moved to where the
     * vault's socket belongs and given to the user, so only the peer's credentials tell it apart.
     */
    private List<Figure> unixSocketOfAnotherUser(Workbench bench) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of(Figure.skipped(name(), "unix: not root, cannot act as another user"));
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) || !Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return List.of(Figure.skipped(name(), "unix: setpriv or python3 missing"));
        }
        Path home = bench.newHome("impostor-unix");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        // where uid 65534 can make its socket: the suite's own tree is root's alone
        Path stage = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ovt-nobody");
        Files.setPosixFilePermissions(stage, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path staged = stage.resolve("s");
        Path record = stage.resolve("received");
        String listener = "import socket,os,sys\n"
                + "s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(16); s.settimeout(20)\n"
                + "out=open(sys.argv[2],'ab')\n"
                + "body=b'{\"proof\":\"\"}'\n"
                + "while True:\n"
                + "  try: c,_=s.accept()\n"
                + "  except Exception: break\n"
                + "  c.settimeout(1)\n"
                + "  try:\n"
                + "    while True:\n"
                + "      d=c.recv(65536)\n"
                + "      if not d: break\n"
                + "      out.write(d); out.flush()\n"
                + "      c.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n' % len(body) + body)\n"
                + "  except Exception: pass\n"
                + "  c.close()\n";
        Process impostor = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "/usr/bin/python3",
                        "-c",
                        listener,
                        staged.toString(),
                        record.toString())
                .redirectErrorStream(true)
                .start();
        try {
            for (int i = 0; i < 200 && Files.notExists(staged); i++) {
                TimeUnit.MILLISECONDS.sleep(25);
            }
            Path socket = home.resolve("omnivaultd.sock");
            Files.move(staged, socket, StandardCopyOption.ATOMIC_MOVE);
            Files.setOwner(
                    socket, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
            long told = runCommands(bench, home, "is not this vault's daemon (it runs as nobody)");
            var received = new ByteArrayOutputStream();
            if (Files.exists(record)) {
                received.writeBytes(Files.readAllBytes(record));
            }
            return judge("unix", received, commands().size(), told);
        } finally {
            impostor.destroyForcibly();
            impostor.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(staged);
            Files.deleteIfExists(record);
            Files.deleteIfExists(stage);
        }
    }
}
