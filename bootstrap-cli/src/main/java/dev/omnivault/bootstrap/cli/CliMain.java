package dev.omnivault.bootstrap.cli;

import dev.omnivault.adapter.cli.CliPorts;
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
        int code = run(List.of(args), System.out, System.err, Platform.current(), new SystemTerminal());
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
                    out.println("omnivault " + version());
                    yield 0;
                }
                case "help", "-h", "--help" -> {
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

    private static int cli(List<String> args, PrintStream out, PrintStream err, Platform platform, Terminal terminal) {
        var client = client(platform);
        var ports = new CliPorts(
                client, client, client, client, client, client, client, client, client, client, client, client, client,
                client);
        var stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        var stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return new OmniVaultCli(ports, terminal, stdout, stderr, CliMain::version).run(args.toArray(String[]::new));
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
                  completion bash|zsh      print a shell-completion script
                  daemon start|stop|status run the daemon in the background, stop it, show it
                  daemon run [--auto-lock D] [--max-unlock D] [--transport unix|tcp] [--tcp-address H:P]
                             [--store files|memory|postgresql://USER@HOST:PORT/DB]
                                           run the daemon in the foreground
                  demo                     the use cases on an in-memory vault (nothing written)
                  version, help

                Vault, socket and log live in $OMNIVAULT_HOME (default ~/.omnivault).
                """;
    }
}
