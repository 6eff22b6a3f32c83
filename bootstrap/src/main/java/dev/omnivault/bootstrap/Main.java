package dev.omnivault.bootstrap;

import dev.omnivault.adapter.cli.CliPorts;
import dev.omnivault.adapter.cli.OmniVaultCli;
import dev.omnivault.adapter.cli.SystemTerminal;
import dev.omnivault.adapter.socket.SocketVaultClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code omnivault} entry point: the vault commands go to the CLI adapter (a client of the
 * daemon), {@code daemon run} starts the daemon, {@code demo} runs the use cases in memory.
 */
public final class Main {

    /** The vault commands, run by the CLI adapter against the daemon. */
    private static final Set<String> VAULT_COMMANDS = Set.of(
            "init",
            "unlock",
            "lock",
            "status",
            "get",
            "set",
            "list",
            "ls",
            "delete",
            "rm",
            "change-password",
            "completion");

    private Main() {}

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Log lines as the Go original prints them ("INFO vault unlocked"); Jetty speaks only when it must. */
    static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "false");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs one command and returns its exit code; never lets a stack trace reach the user. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
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
                case "demo" -> Demo.run(out);
                case "daemon" -> daemon(args.subList(1, args.size()), out, err);
                default -> {
                    if (VAULT_COMMANDS.contains(command)) {
                        yield cli(args, out, err);
                    }
                    err.println("Error: unknown command '" + command + "', see: omnivault help");
                    yield 2;
                }
            };
        } catch (DaemonRunner.UsageException usage) {
            err.println("Error: " + usage.getMessage());
            return 2;
        } catch (IllegalStateException | java.io.IOException refused) {
            err.println("Error: " + refused.getMessage());
            return 1;
        } catch (Exception unexpected) {
            err.println("Error: internal error (" + unexpected.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    /** The CLI adapter, driving a client of the daemon on this platform's socket. */
    private static int cli(List<String> args, PrintStream out, PrintStream err) {
        var client = new SocketVaultClient(Platform.current().socketPath());
        var ports = new CliPorts(client, client, client, client, client, client, client, client, client);
        var stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        var stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return new OmniVaultCli(ports, new SystemTerminal(), stdout, stderr, version())
                .run(args.toArray(String[]::new));
    }

    private static int daemon(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String sub = args.isEmpty() ? "" : args.getFirst();
        if (sub.equals("run")) {
            return DaemonRunner.run(args.subList(1, args.size()), out, err);
        }
        return switch (sub) {
            case "start" -> DaemonControl.start(args.subList(1, args.size()), out, err);
            case "stop" -> DaemonControl.stop(out, err);
            case "status" -> DaemonControl.status(out);
            default -> {
                err.println("Error: usage: omnivault daemon start|stop|status|run [--auto-lock DURATION]"
                        + " [--max-unlock DURATION] [--transport unix|tcp]");
                yield 2;
            }
        };
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
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

    private static String usage() {
        return """
                omnivault - a local secrets manager (daemon + CLI)

                Usage: omnivault <command>

                Commands:
                  init                     create the vault (asks for the master password twice)
                  unlock / lock            unlock or lock the vault
                  status                   daemon and vault status
                  get <path> [--field F]   print a secret
                  set <path> [value] [--field k=v]... [--tag k=v]...
                                           store a secret (value from the argument, a prompt, or stdin)
                  list|ls [prefix]         list secrets
                  delete|rm <path> [--force]
                  change-password          change the master password
                  daemon run [--auto-lock D] [--max-unlock D] [--transport unix|tcp]
                                           run the daemon in the foreground
                  demo                     the use cases on an in-memory vault (nothing written)
                  version, help

                Vault and socket live in $OMNIVAULT_HOME (default ~/.omnivault).
                  daemon start|stop|status run the daemon in the background, stop it, show it

                  completion bash|zsh      print a shell-completion script
                  --json on get, list and status prints the API's JSON
                """;
    }
}
