package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The real {@code bin/omnivault}, as a user runs it, against a real daemon in a temporary
 * {@code OMNIVAULT_HOME}: every command with its exact output and exit code, the three ways of
 * giving a value, {@code --json}, both transports, and the hidden prompts in a real pseudo-terminal.
 * Runs after {@code package} (failsafe), on the jars and the AOT cache the build just made.
 */
class LauncherEndToEndIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path home;

    private record Run(int exitCode, String out, String err) {}

    private static Path launcher() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isExecutable(at.resolve("bin/omnivault"))) {
                return at.resolve("bin/omnivault");
            }
        }
        throw new AssertionError("bin/omnivault not found above " + Path.of("").toAbsolutePath());
    }

    private Map<String, String> environment() {
        var environment = new HashMap<String, String>();
        environment.put("OMNIVAULT_HOME", home.toString());
        environment.put("OMNIVAULT_NO_BUILD", "1"); // the build that runs this test made the jars
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("TZ", "UTC");
        return environment;
    }

    private Run run(String stdin, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return runIn(environment(), stdin, command.toArray(String[]::new));
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        var result = new CompletableFuture<byte[]>();
        Thread.ofPlatform().daemon().start(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void assertRun(Run run, int exitCode, String out, String err) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertEquals(out, run.out(), run.toString());
        assertEquals(err, run.err(), run.toString());
    }

    @AfterEach
    void stopAnyDaemon() throws Exception {
        if (home != null && Files.exists(home.resolve("omnivaultd.pid"))) {
            run("", "daemon", "stop");
        }
    }

    /**
     * The README's first CLI block, every line run as written and in order by bash, from a folder
     * whose {@code bin/omnivault} is the real launcher: each exits 0 except the {@code --if-rev}
     * line, which the README says exits 9 when the secret's revision is not the one given. The
     * folder holds the {@code .env} the block imports.
     */
    @Test
    void theReadmesCliBlock_runsAsWritten_inOrder() throws Exception {
        home = dir.resolve("home");
        List<String> lines =
                Files.readAllLines(launcher().getParent().getParent().resolve("README.md"));
        int heading = lines.indexOf("## The CLI");
        int start = lines.subList(heading, lines.size()).indexOf("```sh") + heading + 1;
        var commands = new ArrayList<String>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                break;
            }
            commands.add(line);
        }
        assertTrue(commands.size() >= 20, commands.toString());
        assertTrue(commands.getFirst().startsWith("bin/omnivault daemon start"), commands.toString());
        assertTrue(commands.getLast().startsWith("bin/omnivault daemon stop"), "the block leaves no daemon behind");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(bin.resolve("omnivault"), "#!/bin/sh\nexec '" + launcher() + "' \"$@\"\n");
        bin.resolve("omnivault").toFile().setExecutable(true);
        Files.writeString(work.resolve(".env"), "DATABASE_URL=postgres://app@db/app\nexport API_TOKEN='t0ken'\n");
        try {
            for (String command : commands) {
                String stdin = command.startsWith("bin/omnivault init") ? PASSWORD + "\n" + PASSWORD + "\n" : "";
                Run step = shell(environment(), work, stdin, command);
                int expected = command.contains("--if-rev") ? 9 : 0;
                assertEquals(expected, step.exitCode(), command + "\n" + step);
            }
        } finally {
            run("", "daemon", "stop");
        }
        String exported = Files.readString(work.resolve("backup.json"));
        assertTrue(exported.contains("\"database/password\""), exported);
        assertTrue(exported.contains("s3cr3t"), "export --include-values holds the values");
    }

    /**
     * The commands the README's Operations section shows in its text (profiles, systemd, doctor,
     * auto-start), each run as written by bash from a folder whose {@code bin/omnivault} and
     * {@code omnivault} on the PATH are the real launcher, in a HOME of its own; a {@code NAME} or
     * {@code …} in one is filled in. The {@code systemctl --user} lines need a user's systemd
     * manager, which a test machine has not: the units they name are checked to be the ones
     * shipped instead. A command added to the section fails this test until it is run here.
     */
    @Test
    void theReadmesOperationsCommands_runAsWritten_doWhatTheTextSays() throws Exception {
        List<String> lines =
                Files.readAllLines(launcher().getParent().getParent().resolve("README.md"));
        int from = lines.indexOf("## Operations");
        int to = lines.indexOf("### A team vault in PostgreSQL");
        assertTrue(from > 0 && to > from, "the README has its Operations section");
        String text = String.join(" ", lines.subList(from, to));
        var shown = new java.util.TreeSet<String>();
        Matcher span = Pattern.compile("`([^`]+)`").matcher(text);
        while (span.find()) {
            String code = span.group(1);
            if (code.matches("(bin/)?omnivault .*|systemctl .*|doctor --fix|OMNIVAULT_[A-Z_]+=.*")) {
                shown.add(code);
            }
        }
        assertEquals(
                new java.util.TreeSet<>(List.of(
                        "OMNIVAULT_AUTOSTART=1",
                        "OMNIVAULT_DAEMON_HEAP=1g omnivault daemon start",
                        "OMNIVAULT_PROFILE=NAME",
                        "bin/omnivault --profile work daemon start",
                        "doctor --fix",
                        "omnivault --profile NAME run",
                        "omnivault --profile work get …",
                        "omnivault daemon start",
                        "omnivault daemon stop",
                        "omnivault doctor",
                        "systemctl --user link",
                        "systemctl --user stop omnivault.socket omnivault.service")),
                shown,
                "the commands of the Operations section, each run below");

        home = dir.resolve("unused"); // the daemons here live under HOME
        Path user = Files.createDirectories(dir.resolve("user"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(bin.resolve("omnivault"), "#!/bin/sh\nexec '" + launcher() + "' \"$@\"\n");
        bin.resolve("omnivault").toFile().setExecutable(true);
        var environment = new HashMap<>(environment());
        environment.remove("OMNIVAULT_HOME");
        environment.put("HOME", user.toString());
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        Path defaultHome = user.resolve(".omnivault");
        Path workHome = defaultHome.resolve("profiles/work");
        try {
            // Profiles: a vault, socket and daemon of their own under ~/.omnivault/profiles/NAME/
            Run started = shell(environment, work, "", "bin/omnivault --profile work daemon start");
            assertEquals(0, started.exitCode(), started.toString());
            assertTrue(Files.exists(workHome.resolve("omnivaultd.sock")), "the work profile's daemon listens");
            assertFalse(Files.exists(defaultHome.resolve("omnivaultd.sock")), "not the default profile's");
            assertEquals(
                    0,
                    shell(environment, work, PASSWORD + "\n" + PASSWORD + "\n", "omnivault --profile work init")
                            .exitCode());
            assertEquals(
                    0,
                    shell(environment, work, "", "omnivault --profile work set db/password in-work")
                            .exitCode());
            assertRun(shell(environment, work, "", "omnivault --profile work get db/password"), 0, "in-work\n", "");
            assertRun(
                    shell(environment, work, "", "OMNIVAULT_PROFILE=work omnivault get db/password"),
                    0,
                    "in-work\n",
                    "");
            // the option wins over the variable
            assertRun(
                    shell(environment, work, "", "OMNIVAULT_PROFILE=nowhere omnivault --profile work get db/password"),
                    0,
                    "in-work\n",
                    "");
            // a program that run starts gets OMNIVAULT_PROFILE=NAME, so its omnivault commands use that profile
            assertRun(
                    shell(
                            environment,
                            work,
                            "",
                            "omnivault --profile work run -- sh -c 'echo $OMNIVAULT_PROFILE; omnivault get db/password'"),
                    0,
                    "work\nin-work\n",
                    "");
            // Doctor: one line per check, exit 0 when all pass; --fix removes what a gone daemon left
            Run doctor = shell(environment, work, "", "omnivault --profile work doctor");
            assertEquals(0, doctor.exitCode(), doctor.toString());
            assertTrue(doctor.out().lines().allMatch(line -> line.startsWith("ok ")), doctor.out());
            assertTrue(doctor.out().contains("daemon: "), doctor.out());
            Files.createDirectories(defaultHome);
            Files.setPosixFilePermissions(defaultHome, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(defaultHome.resolve("omnivaultd.pid"), "999999");
            Run unfixed = shell(environment, work, "", "omnivault doctor");
            assertEquals(1, unfixed.exitCode(), unfixed.toString());
            assertTrue(unfixed.out().contains("FAIL"), unfixed.out());
            Run fixed = shell(environment, work, "", "omnivault doctor --fix");
            assertEquals(0, fixed.exitCode(), fixed.toString());
            assertFalse(Files.exists(defaultHome.resolve("omnivaultd.pid")), "the stale PID file is removed");
            assertEquals(0, shell(environment, work, "", "omnivault doctor").exitCode(), "all pass after the fix");
            // Without systemd: OMNIVAULT_AUTOSTART=1 starts the daemon a command needs, through daemon start
            assertEquals(
                    7, shell(environment, work, "", "omnivault get db/password").exitCode(), "no daemon: exit 7");
            Run autostarted = shell(environment, work, "", "OMNIVAULT_AUTOSTART=1 omnivault get db/password");
            assertEquals(4, autostarted.exitCode(), "the default profile has no vault yet: " + autostarted);
            assertTrue(autostarted.err().startsWith("Daemon started (PID: "), autostarted.err());
            assertRun(shell(environment, work, "", "omnivault daemon stop"), 0, "Daemon stopped\n", "");
            assertFalse(Files.exists(defaultHome.resolve("omnivaultd.sock")), "the daemon is gone");
            Run startedByHand = shell(environment, work, "", "omnivault daemon start");
            assertEquals(0, startedByHand.exitCode(), startedByHand.toString());
            assertTrue(startedByHand.out().startsWith("Daemon started (PID: "), startedByHand.out());
            assertRun(shell(environment, work, "", "omnivault daemon stop"), 0, "Daemon stopped\n", "");
            // Memory: a larger heap for a larger vault
            Run larger = shell(environment, work, "", "OMNIVAULT_DAEMON_HEAP=1g omnivault daemon start");
            assertEquals(0, larger.exitCode(), larger.toString());
            long pid = Long.parseLong(
                    Files.readString(defaultHome.resolve("omnivaultd.pid")).strip());
            assertTrue(SealedDaemonTest.commandLine(pid).contains("-Xmx1024m"), "the daemon's heap is 1 GiB");
            assertRun(shell(environment, work, "", "omnivault daemon stop"), 0, "Daemon stopped\n", "");
        } finally {
            shell(environment, work, "", "omnivault daemon stop");
            shell(environment, work, "", "omnivault --profile work daemon stop");
        }
        // systemctl --user stop omnivault.socket omnivault.service: the units bin/install ships
        Path units = launcher().getParent().getParent().resolve("contrib/systemd");
        assertTrue(Files.isRegularFile(units.resolve("omnivault.socket")), "omnivault.socket is shipped");
        assertTrue(Files.isRegularFile(units.resolve("omnivault.service")), "omnivault.service is shipped");
    }

    private static Run shell(Map<String, String> environment, Path folder, String stdin, String command)
            throws Exception {
        var builder = new ProcessBuilder("bash", "-c", command).directory(folder.toFile());
        builder.environment().remove("OMNIVAULT_HOME");
        builder.environment().putAll(environment);
        return runWith(builder, stdin);
    }

    /**
     * OMNIVAULT_DAEMON_HEAP sets the daemon's heap, through daemon start and daemon run alike, and
     * only a size gets through: anything else is refused before a JVM starts.
     */
    @Test
    void theDaemonsHeap_isSetByOmnivaultDaemonHeap_andOnlyASizeGetsThrough() throws Exception {
        home = dir.resolve("home");
        String launcher = launcher().toString();
        var environment = new HashMap<>(environment());
        environment.put("OMNIVAULT_DAEMON_HEAP", "300m");
        try {
            assertEquals(0, runIn(environment, "", launcher, "daemon", "start").exitCode());
            long pid = Long.parseLong(
                    Files.readString(home.resolve("omnivaultd.pid")).strip());
            List<String> arguments = SealedDaemonTest.commandLine(pid);
            assertTrue(arguments.contains("-Xmx300m"), arguments.toString());
            assertFalse(arguments.contains("-Xmx256m"), "the default is replaced: " + arguments);
        } finally {
            run("", "daemon", "stop");
        }
        for (String notASize : new String[] {"32m", "20g", "512m -XX:+PrintFlagsFinal", "lots"}) {
            environment.put("OMNIVAULT_DAEMON_HEAP", notASize);
            var refused = runIn(environment, "", launcher, "daemon", "start");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertEquals(
                    "Error: OMNIVAULT_DAEMON_HEAP=" + notASize
                            + " is not a heap size from 64m to 16g (such as 512m or 2g)\n",
                    refused.err());
            assertFalse(Files.exists(home.resolve("omnivaultd.pid")), "no daemon was started for " + notASize);
        }
    }

    /**
     * bin/omnivault passes the CLI's start-up cache whenever it exists and leaves the check to the
     * JVM, so the JVM's refusal of a cache it cannot use (here: trained on another module path)
     * must not reach the user's terminal or a script's captured output.
     */
    @Test
    void aStartUpCacheTheJvmRefuses_isSkippedInSilence() throws Exception {
        Path cache = launcher().getParent().getParent().resolve("bootstrap-cli/target/omnivault-cli.aot");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(cache), "the build made no CLI cache");
        var builder = new ProcessBuilder(
                "bash",
                "-c",
                "source \"$1\"; exec \"$2\" \"${CLI_JVM_OPTIONS[@]}\" -XX:AOTCache=\"$3\" -version",
                "check",
                launcher().getParent().resolve("lib/cli.sh").toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                cache.toString());
        Process process = builder.start();
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        String errors = new String(err.get(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), errors);
        assertEquals("", new String(out.get(), StandardCharsets.UTF_8));
        // java -version itself writes to stderr; nothing else may.
        assertTrue(errors.startsWith("openjdk version") || errors.startsWith("java version"), errors);
        assertTrue(!errors.contains("aot") && !errors.contains("AOT") && !errors.contains("cds"), errors);
    }

    @Test
    void withoutADaemon_everyAnswerIsClear() throws Exception {
        home = dir.resolve("home");
        var version = run("", "version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("omnivault version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), version.out());
        var help = run("", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Usage: omnivault <command>"), help.out());
        assertRun(run("", "status"), 0, "Daemon: not running\n", "");
        assertRun(
                run("", "get", "api/key"),
                7,
                "",
                "Error: daemon is not running, start it with: omnivault daemon start\n");
        assertRun(run("", "list"), 7, "", "Error: daemon is not running, start it with: omnivault daemon start\n");
        assertRun(run("", "daemon", "status"), 0, "Daemon: not running\n", "");
        assertRun(run("", "daemon", "stop"), 0, "Daemon is not running\n", "");
        assertRun(run("", "frobnicate"), 2, "", "Error: unknown command 'frobnicate', see: omnivault help\n");
        var completion = run("", "completion", "bash");
        assertEquals(0, completion.exitCode());
        assertTrue(completion.out().contains("complete -F"), completion.out());
        assertTrue(run("", "completion", "zsh").out().startsWith("#compdef omnivault"));
        assertTrue(run("", "completion", "fish").out().contains("complete -c omnivault"));
    }

    /**
     * A shell whose folder was removed under it (a careless {@code rm -rf} of the folder one stands
     * in): the JVM cannot start there and used to end with a stack trace of its own; the launcher
     * refuses first, clearly, for the CLI's commands and the daemon's.
     */
    @Test
    void inAFolderThatWasRemoved_theLauncherRefusesClearly_withoutAStackTrace() throws Exception {
        home = dir.resolve("home");
        for (String[] command : List.of(new String[] {"version"}, new String[] {"daemon", "status"})) {
            Path gone = Files.createDirectory(dir.resolve("gone"));
            var arguments = new ArrayList<>(List.of(
                    "bash", "-c", "cd \"$1\" && rmdir \"$1\" && shift && exec \"$@\"", "bash", gone.toString()));
            arguments.add(launcher().toString());
            arguments.addAll(List.of(command));
            var run = runIn(environment(), "", arguments.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertTrue(
                    run.err()
                            .contains("Error: the current directory no longer exists (it was removed); cd to another"
                                    + " one and try again\n"),
                    run.toString());
            assertFalse(run.err().contains("java.lang"), run.toString());
        }
    }

    @Test
    void everyCommand_throughTheLauncher_againstARealDaemon() throws Exception {
        home = dir.resolve("home");
        var started = run("", "daemon", "start", "--auto-lock", "10m");
        assertEquals(0, started.exitCode(), started.toString());
        Matcher pid = Pattern.compile("Daemon started \\(PID: (\\d+)\\)\n").matcher(started.out());
        assertTrue(pid.matches(), started.out());
        assertRun(run("", "daemon", "start"), 0, "Daemon is already running (PID: " + pid.group(1) + ")\n", "");
        var attach = SealedDaemonTest.jcmd(Long.parseLong(pid.group(1)), "VM.version");
        assertTrue(attach.contains("does not support the attach mechanism"), "jcmd got in: " + attach);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("omnivaultd.log"))));

        assertRun(
                run(PASSWORD + "\n" + PASSWORD + "\n", "init"),
                0,
                "Vault initialized successfully!\nYour vault is now unlocked and ready to use.\n",
                "");
        // A value three ways: as an argument, piped on stdin (one trailing newline stripped), and
        // typed at a hidden prompt (aPersonAtATerminal_typesWhatIsNeverEchoed).
        assertRun(
                run("", "set", "db/main", "primary", "--field", "user=app", "--tag", "env=prod"),
                0,
                "Secret 'db/main' saved\n",
                "");
        assertRun(run("line one\nline two\n", "set", "notes/multi"), 0, "Secret 'notes/multi' saved\n", "");
        assertRun(run("", "get", "db/main"), 0, "primary\nuser: app\n", "");
        assertRun(run("", "get", "db/main", "--field", "user"), 0, "app\n", "");
        assertRun(run("", "get", "notes/multi"), 0, "line one\nline two\n", "");

        Map<String, String> secret =
                flatJson(run("", "get", "db/main", "--json").out());
        assertEquals("db/main", secret.get("path"));
        assertEquals("primary", secret.get("value"));
        assertEquals("app", secret.get("fields.user"));
        assertEquals("prod", secret.get("tags.env"));
        Instant.parse(secret.get("created_at"));
        Map<String, String> listed = flatJson(run("", "ls", "--json").out());
        assertEquals("2", listed.get("count"));
        assertEquals("db/main", listed.get("secrets.path"));
        Map<String, String> status = flatJson(run("", "status", "--json").out());
        assertEquals("true", status.get("running"));
        assertEquals("false", status.get("locked"));
        assertEquals("2", status.get("secret_count"));

        assertRun(run("", "list"), 0, "db/main (value+fields) [env]\nnotes/multi\n\n2 secret(s)\n", "");
        assertRun(run("", "ls", "notes"), 0, "notes/multi\n\n1 secret(s)\n", "");
        var text = run("", "status");
        assertTrue(
                text.out()
                        .matches("Daemon: running\nUptime: \\d+s\nVault: unlocked\nSecrets: 2\n"
                                + "Unlocked at: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n"),
                text.out());
        var daemonStatus = run("", "daemon", "status");
        assertTrue(
                daemonStatus
                        .out()
                        .startsWith("Daemon: running (PID: " + pid.group(1) + ")\nSocket: "
                                + home.resolve("omnivaultd.sock") + "\n"),
                daemonStatus.out());
        assertTrue(daemonStatus.out().matches("(?s).*\nAuto-lock in: (9m\\d+s|10m0s)\n.*"), daemonStatus.out());

        assertRun(run("", "rm", "notes/multi"), 2, "", "Error: refusing to delete without confirmation; use --force\n");
        assertRun(run("", "rm", "notes/multi", "--force"), 0, "Secret 'notes/multi' deleted\n", "");
        assertRun(run("", "get", "notes/multi"), 4, "", "Error: secret not found\n");
        assertRun(run("", "set", "bad//path", "v"), 2, "", "Error: invalid secret path: empty segment\n");
        assertRun(run("", "lock"), 0, "Vault locked\n", "");
        assertRun(run("", "get", "db/main"), 3, "", "Error: vault is locked\n");
        assertRun(run("wrong password\n", "unlock"), 5, "", "Error: invalid password\n");
        assertRun(run(PASSWORD + "\n", "unlock"), 0, "Vault unlocked successfully!\n", "");
        assertRun(run("", "unlock"), 0, "Vault is already unlocked\n", "");
        assertRun(run("x\ny\n", "init"), 6, "", "Error: vault already exists\n");
        assertRun(
                run(PASSWORD + "\nstaple battery horse\n", "change-password"),
                0,
                "Password changed successfully!\n",
                "");
        run("", "lock");
        assertRun(run(PASSWORD + "\n", "unlock"), 5, "", "Error: invalid password\n");
        assertRun(run("staple battery horse\n", "unlock"), 0, "Vault unlocked successfully!\n", "");
        assertRun(run("", "get", "db/main"), 0, "primary\nuser: app\n", "");

        assertRun(run("", "daemon", "stop"), 0, "Daemon stopped\n", "");
        assertFalse(ProcessHandle.of(Long.parseLong(pid.group(1)))
                .map(DaemonControl::running) // ended, if perhaps not reaped yet
                .orElse(false));
        assertFalse(Files.exists(home.resolve("omnivaultd.sock")));
        assertRun(run("", "status"), 0, "Daemon: not running\n", "");
        assertFalse(Files.readString(home.resolve("omnivaultd.log")).contains("primary"), "no value in the log");
    }

    @Test
    void theTcpTransport_isFoundThroughItsTokenFile() throws Exception {
        home = dir.resolve("home");
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var started = run("", "daemon", "start", "--transport", "tcp", "--tcp-address", "127.0.0.1:" + port);
        assertEquals(0, started.exitCode(), started.toString());
        for (String file : List.of("omnivaultd.token", "omnivaultd.address")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))),
                    file);
        }
        assertFalse(Files.exists(home.resolve("omnivaultd.sock")), "no Unix socket in TCP mode");
        assertRun(
                run(PASSWORD + "\n" + PASSWORD + "\n", "init"),
                0,
                "Vault initialized successfully!\nYour vault is now unlocked and ready to use.\n",
                "");
        assertRun(run("over tcp", "set", "t/one"), 0, "Secret 't/one' saved\n", "");
        assertRun(run("", "get", "t/one"), 0, "over tcp\n", "");
        assertTrue(run("", "daemon", "status").out().contains("Address: 127.0.0.1:" + port + " (TCP"));
        assertRun(run("", "daemon", "stop"), 0, "Daemon stopped\n", "");
        assertFalse(Files.exists(home.resolve("omnivaultd.token")), "the token goes with the daemon");
        assertRun(
                run("", "get", "t/one"),
                7,
                "",
                "Error: daemon is not running, start it with: omnivault daemon start\n");
    }

    @Test
    void aPersonAtATerminal_typesWhatIsNeverEchoed() throws Exception {
        home = dir.resolve("home");
        assertEquals(0, run("", "daemon", "start").exitCode());

        try (var tty = Pty.start(environment(), launcher().toString(), "init")) {
            tty.expect("Enter master password (min 8 chars): ");
            tty.type("first attempt 1\n");
            tty.expect("Confirm master password: ");
            tty.type("second attempt 2\n");
            tty.expect("Error: passwords do not match");
            assertEquals(2, tty.exitCode());
            assertFalse(tty.transcript().contains("attempt"), tty.transcript());
        }
        try (var tty = Pty.start(environment(), launcher().toString(), "init")) {
            tty.expect("Enter master password (min 8 chars): ");
            tty.type(PASSWORD + "\n");
            tty.expect("Confirm master password: ");
            tty.type(PASSWORD + "\n");
            tty.expect("Your vault is now unlocked and ready to use.");
            assertEquals(0, tty.exitCode());
            assertFalse(tty.transcript().contains("horse"), tty.transcript());
        }
        try (var tty = Pty.start(environment(), launcher().toString(), "set", "typed/secret")) {
            tty.expect("Enter secret value: ");
            tty.type("s3cr3t typed value\n");
            tty.expect("Secret 'typed/secret' saved");
            assertEquals(0, tty.exitCode());
            assertFalse(tty.transcript().contains("s3cr3t"), tty.transcript());
        }
        assertRun(run("", "get", "typed/secret"), 0, "s3cr3t typed value\n", "");
        try (var tty = Pty.start(environment(), launcher().toString(), "rm", "typed/secret")) {
            tty.expect("Delete secret 'typed/secret'? [y/N]: ");
            tty.type("y\n");
            tty.expect("Secret 'typed/secret' deleted");
            assertEquals(0, tty.exitCode());
        }
        assertEquals(4, run("", "get", "typed/secret").exitCode());
    }

    /**
     * Whether input is hidden is decided by stdin alone: with stdout redirected to a file or a
     * pipe, the prompt still goes to the terminal, what is typed still does not show, and the
     * redirected output holds the result only.
     */
    @Test
    void aPersonAtATerminal_withStdoutRedirected_isStillPromptedAndNotEchoed() throws Exception {
        home = dir.resolve("home");
        assertEquals(0, run("", "daemon", "start").exitCode());
        assertEquals(0, run(PASSWORD + "\n" + PASSWORD + "\n", "init").exitCode());
        assertEquals(0, run("", "lock").exitCode());
        Path out = dir.resolve("out.txt");
        String launcher = launcher().toString();
        try (var tty = Pty.start(environment(), "sh", "-c", "'" + launcher + "' unlock > '" + out + "'")) {
            tty.expect("Enter master password: ");
            tty.type(PASSWORD + "\n");
            assertEquals(0, tty.exitCode(), tty.transcript());
            assertFalse(tty.transcript().contains("horse"), tty.transcript());
        }
        assertEquals("Vault unlocked successfully!\n", Files.readString(out), "only the result, no prompt");
        try (var tty =
                Pty.start(environment(), "sh", "-c", "'" + launcher + "' set typed/piped | cat > '" + out + "'")) {
            tty.expect("Enter secret value: ");
            tty.type("piped s3cr3t\n");
            assertEquals(0, tty.exitCode(), tty.transcript());
            assertFalse(tty.transcript().contains("s3cr3t"), tty.transcript());
        }
        assertEquals("Secret 'typed/piped' saved\n", Files.readString(out));
        assertRun(run("", "get", "typed/piped"), 0, "piped s3cr3t\n", "");
    }

    /**
     * edit at a real terminal: the editor gets the terminal, the file it is given is private and
     * on tmpfs, what it saves is stored; a Ctrl-C in the editor saves nothing and leaves no file.
     * run at a real terminal: the program it becomes has the terminal too.
     */
    @Test
    void aPersonEditsASecret_inTheirEditor_andACtrlCLeavesNothingBehind() throws Exception {
        home = dir.resolve("home");
        assertEquals(0, run("", "daemon", "start").exitCode());
        assertEquals(0, run(PASSWORD + "\n" + PASSWORD + "\n", "init").exitCode());
        assertEquals(0, run("", "set", "app/note", "first").exitCode());
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                [ -t 0 ] && [ -t 1 ] || { echo "NO TERMINAL"; exit 3; }
                echo "EDITING $1 $(stat -c %a "$1") $(stat -c %a "$(dirname "$1")")"
                read answer
                [ "$answer" = hang ] && sleep 60
                sed -i 's/^first$/second/' "$1"
                """);
        editor.toFile().setExecutable(true);
        var environment = new HashMap<>(environment());
        environment.put("EDITOR", editor.toString());
        environment.remove("XDG_RUNTIME_DIR");
        try (var tty = Pty.start(environment, launcher().toString(), "edit", "app/note")) {
            tty.expect("EDITING /dev/shm/omnivault-edit-");
            tty.expect(" 600 700");
            tty.type("go\n");
            tty.expect("Secret 'app/note' saved");
            assertEquals(0, tty.exitCode(), tty.transcript());
        }
        assertRun(run("", "get", "app/note"), 0, "second\n", "");

        String file;
        try (var tty = Pty.start(environment, launcher().toString(), "edit", "app/note")) {
            tty.expect(" 600 700");
            tty.type("hang\n");
            Thread.sleep(500);
            tty.type("\u0003"); // Ctrl-C, to the editor (and the CLI, which waits for it)
            tty.expect("nothing was saved");
            assertEquals(2, tty.exitCode(), tty.transcript());
            String transcript = tty.transcript();
            int at = transcript.indexOf("EDITING ") + 8;
            file = transcript.substring(at, transcript.indexOf(' ', at));
        }
        assertFalse(Files.exists(Path.of(file)), "the file is gone: " + file);
        assertFalse(Files.exists(Path.of(file).getParent()), "and its folder");
        assertRun(run("", "get", "app/note"), 0, "second\n", "");

        try (var tty = Pty.start(
                environment(),
                launcher().toString(),
                "run",
                "--env",
                "NOTE=omnivault://app/note",
                "--",
                "sh",
                "-c",
                "[ -t 0 ] && [ -t 1 ] && echo \"TERMINAL $NOTE\"")) {
            tty.expect("TERMINAL second");
            assertEquals(0, tty.exitCode(), tty.transcript());
        }
    }

    /**
     * Profiles through the launcher, with no OMNIVAULT_HOME: {@code --profile work} (before the
     * command or after it) is a vault, socket and daemon of its own under
     * {@code ~/.omnivault/profiles/work}; the default profile is untouched by it.
     */
    @Test
    void aProfile_hasItsOwnVaultAndDaemon() throws Exception {
        home = dir.resolve("unused"); // this test's daemon lives under HOME, in its profile
        Path user = Files.createDirectories(dir.resolve("user"));
        var environment = new HashMap<>(environment());
        environment.remove("OMNIVAULT_HOME");
        environment.put("HOME", user.toString());
        String launcher = launcher().toString();
        try {
            assertEquals(
                    0,
                    runIn(environment, "", launcher, "--profile", "work", "daemon", "start")
                            .exitCode());
            assertTrue(Files.exists(user.resolve(".omnivault/profiles/work/omnivaultd.sock")));
            assertEquals(
                    0,
                    runIn(environment, PASSWORD + "\n" + PASSWORD + "\n", launcher, "init", "--profile=work")
                            .exitCode());
            assertEquals(
                    0,
                    runIn(environment, "", launcher, "set", "k", "in work", "--profile", "work")
                            .exitCode());
            assertEquals(
                    "in work\n",
                    runIn(environment, "", launcher, "--profile", "work", "get", "k")
                            .out());
            var other = runIn(environment, "", launcher, "status");
            assertEquals("Daemon: not running\n", other.out(), "the default profile has no daemon");
            var bad = runIn(environment, "", launcher, "--profile", "../x", "status");
            assertEquals(2, bad.exitCode());
            assertTrue(bad.err().startsWith("Error: a profile's name is"), bad.err());
        } finally {
            runIn(environment, "", launcher, "--profile", "work", "daemon", "stop");
        }
    }

    /**
     * OMNIVAULT_AUTOSTART=1: a command that needs the daemon starts one first (its line on
     * stderr, stdin left for the command); status and completion never start one; without the
     * variable, no daemon is the usual exit 7.
     */
    @Test
    void autostart_startsTheDaemonACommandNeeds_onlyWhenAsked() throws Exception {
        home = dir.resolve("home");
        String launcher = launcher().toString();
        var environment = new HashMap<>(environment());
        assertEquals(7, runIn(environment, "", launcher, "get", "k").exitCode());
        environment.put("OMNIVAULT_AUTOSTART", "1");
        assertEquals(
                "Daemon: not running\n",
                runIn(environment, "", launcher, "status").out());
        try {
            var init = runIn(environment, PASSWORD + "\n" + PASSWORD + "\n", launcher, "init");
            assertEquals(0, init.exitCode(), init.err());
            assertTrue(init.err().startsWith("Daemon started (PID: "), init.err());
            assertEquals("Vault initialized successfully!\nYour vault is now unlocked and ready to use.\n", init.out());
            var second = runIn(environment, "", launcher, "set", "k", "v");
            assertEquals("", second.err(), "a running daemon is not started again");
        } finally {
            run("", "daemon", "stop");
        }
    }

    private Run runIn(Map<String, String> environment, String stdin, String... command) throws Exception {
        var builder = new ProcessBuilder(command);
        builder.environment().remove("OMNIVAULT_HOME");
        builder.environment().putAll(environment);
        return runWith(builder, stdin);
    }

    private static Run runWith(ProcessBuilder builder, String stdin) throws Exception {
        List<String> command = builder.command();
        Process process = builder.start();
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    /** The JSON's scalar values by dotted path (array elements share their array's path). */
    private static Map<String, String> flatJson(String json) {
        var values = new HashMap<String, String>();
        var path = new ArrayList<String>();
        try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case PROPERTY_NAME -> path.add(parser.currentName());
                    case START_OBJECT, START_ARRAY -> {}
                    case END_OBJECT -> {
                        if (!path.isEmpty() && !parser.streamReadContext().inArray()) {
                            path.removeLast();
                        }
                    }
                    case END_ARRAY -> path.removeLast();
                    default -> {
                        values.putIfAbsent(String.join(".", path), parser.getString());
                        if (!parser.streamReadContext().inArray()) {
                            path.removeLast();
                        }
                    }
                }
            }
        }
        return values;
    }

    /**
     * A command in a real pseudo-terminal, through util-linux {@code script}: what the program
     * prints and what the terminal echoes both arrive on one stream, as on a screen.
     */
    private static final class Pty implements AutoCloseable {
        private final Process process;
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

        private Pty(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[1024];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (screen) {
                            screen.write(buffer, 0, n);
                            screen.notifyAll();
                        }
                    }
                } catch (IOException closed) {
                    // the session ended
                }
            });
        }

        /**
         * Runs the command on a new terminal through {@code script}, which starts it with
         * {@code $SHELL -c} (sh where SHELL is unset, as on CI): the {@code exec} makes the command
         * the terminal's process itself, as a user's shell would, rather than the child of a shell
         * that would also take the terminal's Ctrl-C and end with 130 whatever the command did.
         */
        static Pty start(Map<String, String> environment, String... command) throws IOException {
            var quoted = new StringBuilder("exec ");
            for (String word : command) {
                quoted.append('\'').append(word.replace("'", "'\\''")).append("' ");
            }
            var builder = new ProcessBuilder(
                            "script", "-q", "-e", "-c", quoted.toString().strip(), "/dev/null")
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new Pty(builder.start());
        }

        String transcript() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            }
        }

        void expect(String text) throws InterruptedException {
            Instant deadline = Instant.now().plus(TIMEOUT);
            synchronized (screen) {
                while (!transcript().contains(text)) {
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0) {
                        throw new AssertionError("no \"" + text + "\" on the terminal; it shows:\n" + transcript());
                    }
                    screen.wait(left);
                }
            }
        }

        void type(String keys) throws IOException {
            process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        int exitCode() throws InterruptedException, ExecutionException, TimeoutException {
            return process.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
