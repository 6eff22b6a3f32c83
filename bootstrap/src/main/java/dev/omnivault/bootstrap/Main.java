package dev.omnivault.bootstrap;

import dev.omnivault.adapter.cli.SystemTerminal;
import dev.omnivault.bootstrap.cli.CliMain;
import dev.omnivault.platform.Platform;
import java.io.PrintStream;
import java.util.List;

/**
 * The whole program's entry point: {@code daemon run|start|stop|status} and {@code demo} here, every
 * other command to the CLI's own composition root ({@link CliMain}), which bin/omnivault also runs
 * alone, on a module path without the daemon.
 */
public final class Main {

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
        // the PostgreSQL store's pool says only what goes wrong (its start and stop are ours to log)
        setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs one command and returns its exit code; never lets a stack trace reach the user. */
    static int run(List<String> given, PrintStream out, PrintStream err) {
        List<String> args;
        try {
            args = Platform.takeProfile(given); // --profile NAME, on any command, daemon ones included
            Platform.current();
        } catch (IllegalArgumentException badProfile) {
            err.println("Error: " + badProfile.getMessage());
            return 2;
        }
        String command = args.isEmpty() ? "help" : args.getFirst();
        try {
            return switch (command) {
                case "demo" -> Demo.run(out);
                case "doctor" -> Doctor.run(args.subList(1, args.size()), out, err);
                case "daemon" -> daemon(args.subList(1, args.size()), out, err);
                default -> CliMain.run(args, out, err, Platform.current(), new SystemTerminal());
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
                        + " [--max-unlock DURATION] [--transport unix|tcp] [--store files|memory]");
                yield 2;
            }
        };
    }

    static String version() {
        return CliMain.version();
    }
}
