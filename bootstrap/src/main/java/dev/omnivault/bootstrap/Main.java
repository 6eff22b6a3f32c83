package dev.omnivault.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code omnivault} entry point. What runs today: {@code version}, {@code help} and
 * {@code demo}; the daemon and the vault commands arrive with issues 4 and 5.
 */
public final class Main {

    private static final Set<String> COMING_COMMANDS = Set.of(
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
            "daemon",
            "completion");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
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
                default -> {
                    if (COMING_COMMANDS.contains(command)) {
                        err.println("Error: '" + command + "' is not available in this build yet;"
                                + " the daemon and the CLI are being built (see README)");
                        yield 1;
                    }
                    err.println("Error: unknown command '" + command + "', see: omnivault help");
                    yield 2;
                }
            };
        } catch (RuntimeException unexpected) {
            err.println("Error: internal error (" + unexpected.getClass().getSimpleName() + ")");
            return 1;
        }
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

                Available in this build:
                  version    print the version
                  help       print this help
                  demo       walk through the use cases on an in-memory vault (nothing is written to disk)

                Being built (see README): init, unlock, lock, status, get, set, list, delete,
                change-password, daemon start|stop|status|run
                """;
    }
}
