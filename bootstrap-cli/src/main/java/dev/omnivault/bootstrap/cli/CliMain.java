package dev.omnivault.bootstrap.cli;

import dev.omnivault.adapter.cli.CliPorts;
import dev.omnivault.adapter.cli.NativeLauncher;
import dev.omnivault.adapter.cli.OmniVaultCli;
import dev.omnivault.adapter.cli.SystemTerminal;
import dev.omnivault.adapter.cli.Terminal;
import dev.omnivault.adapter.client.SocketVaultClient;
import dev.omnivault.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The CLI's composition root: the CLI adapter driving a client of the daemon, wired by hand (two
 * objects). Its module path holds no daemon class — no Jetty, no Bouncy Castle, no Dagger — so
 * a call such as {@code omnivault get} starts only what it uses.
 */
public final class CliMain {

    private CliMain() {}

    public static void main(String[] args) {
        List<String> words;
        Platform platform;
        try {
            words = Platform.takeProfile(List.of(args)); // --profile NAME, on any command
            platform = Platform.current();
        } catch (IllegalArgumentException badProfile) {
            System.err.println("Error: " + badProfile.getMessage());
            System.exit(2);
            return;
        }
        int code = run(words, System.out, System.err, platform, new SystemTerminal());
        if (code != 0) {
            System.exit(code);
        }
        // Success returns from main: the JVM then ends as it would after System.exit(0), without
        // System.exit's lookup of its exit logger (a scan of the logging providers, ~9 ms a call).
    }

    /** Runs one command and returns its exit code; never lets a stack trace reach the user. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Platform platform, Terminal terminal) {
        String command = args.isEmpty() ? "help" : args.getFirst();
        try {
            return switch (command) {
                case "version", "--version" -> {
                    out.println("omnivault version " + version()); // the Go original's line
                    yield 0;
                }
                case "help", "-h", "--help" -> {
                    if (args.size() > 1 && OmniVaultCli.isCommand(args.get(1))) { // help COMMAND: its own help
                        yield cli(List.of(args.get(1), "--help"), out, err, platform, terminal);
                    }
                    out.print(usage());
                    yield 0;
                }
                // The CLI adapter runs the vault commands and refuses any other word (exit 2).
                default -> cli(args, out, err, platform, terminal);
            };
        } catch (RuntimeException unexpected) {
            err.println("Error: internal error (" + unexpected.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    /** A client of the daemon on this platform: loopback TCP with its token, or the Unix socket. */
    public static SocketVaultClient client(Platform platform) {
        return platform.clientTransport() == Platform.Transport.TCP
                ? SocketVaultClient.overLoopbackTcp(platform.tcpAddress(), platform.tokenFile())
                : SocketVaultClient.overUnixSocket(platform.socketPath());
    }

    /** The variable that lets a command start the daemon it needs (as rbw does): {@code OMNIVAULT_AUTOSTART=1}. */
    static final String AUTOSTART_VARIABLE = "OMNIVAULT_AUTOSTART";

    /** Commands that answer without a daemon, or must never start one (Tab's names, the status). */
    private static final java.util.Set<String> NO_AUTOSTART =
            java.util.Set.of("status", "completion", "__complete", "help", "version");

    /**
     * With {@code OMNIVAULT_AUTOSTART=1}, a command that needs the daemon starts one first when
     * nothing answers on the socket: {@code omnivault daemon start} through the launcher that
     * started this CLI ({@code omnivault.launcher}), its lines on stderr. Checked before the
     * command runs, so nothing it reads from stdin is spent on a failed first try.
     */
    private static void autostart(List<String> args, PrintStream err, Platform platform) {
        String launcher = System.getProperty("omnivault.launcher");
        if (!"1".equals(System.getenv(AUTOSTART_VARIABLE))
                || launcher == null
                || args.isEmpty()
                || NO_AUTOSTART.contains(args.getFirst())
                || platform.clientTransport() != Platform.Transport.UNIX_SOCKET
                || listening(platform.socketPath())) {
            return;
        }
        try {
            Process start = new ProcessBuilder(launcher, "daemon", "start")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            err.write(start.getInputStream().readAllBytes());
            start.waitFor();
        } catch (IOException | InterruptedException failed) {
            err.println("Warning: OMNIVAULT_AUTOSTART could not start the daemon (" + failed.getMessage() + ")");
        }
    }

    private static boolean listening(java.nio.file.Path socket) {
        try (var probe = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException | RuntimeException nothing) {
            return false;
        }
    }

    private static int cli(List<String> args, PrintStream out, PrintStream err, Platform platform, Terminal terminal) {
        autostart(args, err, platform);
        var client = client(platform);
        var ports = new CliPorts(
                client, client, client, client, client, client, client, client, client, client, client, client, client,
                client, client, client);
        var stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        var stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        // run hands the caller's descriptors on to its program, and only those: which they are is
        // read now, before the CLI opens its connection to the daemon.
        var launcher = new NativeLauncher(
                args.getFirst().equals("run") ? NativeLauncher.inheritedDescriptors() : java.util.Set.of());
        return new OmniVaultCli(ports, terminal, stdout, stderr, CliMain::version, System::getenv, launcher)
                .run(args.toArray(String[]::new));
    }

    /** This build's version, as Maven filtered it into {@code version.properties}. */
    public static String version() {
        try (InputStream in = CliMain.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    static String usage() {
        return """
                omnivault - a local secrets manager (daemon + CLI)

                Usage: omnivault <command>

                Commands:
                  init                     create the vault (asks for the master password twice)
                  unlock [--member NAME] / lock
                                           unlock (as a team vault's member) or lock the vault
                  status [--json]          daemon and vault status
                  get <path> [--field F] [--json]
                                           print a secret
                  set <path> [value] [--field k=v]... [--tag k=v]...
                                           store a secret (value from the argument, a prompt, or stdin)
                  read REF [-n]            print what omnivault://PATH[#FIELD] names, byte-exact
                  run [--env NAME=REF]... [--env-file F] [--prefix P] [--mask] -- CMD [ARGS]
                                           run CMD with secrets in its environment
                  inject [-i TEMPLATE] [-o OUT] [--force]
                                           fill {{ omnivault://REF }} places of a template
                  generate [PATH] [--length N] [--no-symbols] [--words N] [--print] [--force]
                                           a password from the daemon (stored at PATH, not printed)
                  mv|cp FROM TO [--force]  rename or copy a secret, in one write
                  find TEXT                secrets whose path or tags contain TEXT
                  list|ls [prefix] [--json]
                                           list secrets
                  delete|rm <path> [--force]
                  change-password [--member NAME]
                                           change the master password (a team member's own)
                  team list|add NAME|remove NAME
                                           the members of a team vault (PostgreSQL store)
                  import FILE|- [--format json|dotenv] [--prefix P]
                                           store many secrets in one write (JSON as export prints it,
                                           or dotenv KEY=value lines stored at P + KEY)
                  export [prefix] [--include-values]
                                           print secrets as JSON (values only when asked)
                  completion bash|zsh|fish print a shell-completion script (names from the daemon)
                  daemon start|stop|status run the daemon in the background, stop it, show it
                  daemon run [--auto-lock D] [--max-unlock D] [--transport unix|tcp] [--tcp-address H:P]
                             [--store files|memory|postgresql://USER@HOST:PORT/DB]
                                           run the daemon in the foreground
                  doctor [--fix]           check the install, the directory's modes, stale files, the daemon
                  demo                     the use cases on an in-memory vault (nothing written)
                  version, help [COMMAND]

                Every vault command takes --json, -q/--quiet and -h/--help.

                --profile NAME (or $OMNIVAULT_PROFILE) on any command: a vault and daemon of their own.
                Vault, socket and log live in $OMNIVAULT_HOME (default ~/.omnivault).
                """;
    }
}
