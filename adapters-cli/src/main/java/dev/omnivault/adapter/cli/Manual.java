package dev.omnivault.adapter.cli;

import dev.omnivault.adapter.cli.CommandSyntax.Option;
import java.util.List;

/**
 * The man page {@code omnivault(1)}, in roff's man macros, written from the commands' grammar
 * (the same {@link CommandSyntax} the parser and the completion scripts read), so it cannot
 * drift from what the CLI takes. {@code omnivault __man} prints it; an installer writes it to
 * {@code share/man/man1/omnivault.1}.
 */
final class Manual {

    /** The hidden command that prints the page. */
    static final String COMMAND = "__man";

    private Manual() {}

    static String roff(List<CommandSyntax> commands, String version) {
        var page = new StringBuilder();
        page.append(".TH OMNIVAULT 1 \"\" \"omnivault ").append(escape(version)).append("\" \"User Commands\"\n");
        page.append(".SH NAME\nomnivault \\- a local secrets manager: a CLI and the daemon that holds the key\n");
        page.append(".SH SYNOPSIS\n.B omnivault\n[\\-\\-profile\n.IR NAME ]\n.I command\n[\n.I options\n]\n");
        page.append(".SH DESCRIPTION\n")
                .append("The daemon holds the vault key in memory after one unlock, does all the cryptography and")
                .append(" locks itself after inactivity; the CLI talks to it over a Unix socket.")
                .append(" Every command takes \\-\\-json, \\-q/\\-\\-quiet, \\-h/\\-\\-help and \\-\\-profile NAME.\n");
        page.append(".SH COMMANDS\n");
        for (CommandSyntax command : commands) {
            page.append(".TP\n.B ")
                    .append(escape(command.usageLine().substring("omnivault ".length())))
                    .append('\n');
            page.append(escape(command.summary())).append('\n');
            if (!command.aliases().isEmpty()) {
                page.append(".br\nAlso: ")
                        .append(escape(String.join(", ", command.aliases())))
                        .append('\n');
            }
            for (Option option : command.options()) {
                page.append(".RS\n.TP\n.B ")
                        .append(escape(String.join(", ", option.names().reversed())))
                        .append(option.valueLabel() == null ? "" : " " + escape(option.valueLabel()))
                        .append('\n')
                        .append(escape(option.description()))
                        .append("\n.RE\n");
            }
        }
        page.append(".TP\n.B daemon start|stop|status|run\nRun the daemon in the background, stop it, show it,")
                .append(" or run it in the foreground.\n");
        page.append(
                ".TP\n.B doctor [\\-\\-fix]\nCheck the install, the directory's modes, stale files and the daemon.\n");
        page.append(".SH EXIT STATUS\n0 success, 1 other failure, 2 usage or input, 3 vault locked, 4 not found,")
                .append(" 5 wrong password, 6 already exists, 7 daemon not running, 8 throttled, 9 conflict;")
                .append(" run: the program's own status, 125 before it starts, 126/127 when it cannot run.\n");
        page.append(".SH ENVIRONMENT\n.TP\n.B OMNIVAULT_HOME\nThe directory of the vault, socket and log")
                .append(" (default ~/.omnivault).\n.TP\n.B OMNIVAULT_PROFILE\nA profile: ~/.omnivault/profiles/NAME.\n")
                .append(".TP\n.B OMNIVAULT_MEMBER\nThe member of a team vault that unlock acts as.\n")
                .append(".TP\n.B OMNIVAULT_AUTOSTART\n1: a command that needs the daemon starts one.\n")
                .append(".TP\n.B OMNIVAULT_DAEMON_HEAP\nThe daemon's heap, 64m to 16g (default 256m), for a vault")
                .append(" larger than that holds; read by daemon start and daemon run.\n");
        page.append(".SH FILES\n.TP\n.I ~/.omnivault/\nvault.meta, vault.enc, vault.journal (600),")
                .append(" omnivaultd.sock (600), omnivaultd.pid, omnivaultd.log (600).\n");
        return page.toString();
    }

    /** A backslash, and a dash or dot roff would read as a request, escaped. */
    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
