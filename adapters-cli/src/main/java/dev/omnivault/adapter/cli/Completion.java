package dev.omnivault.adapter.cli;

import dev.omnivault.adapter.cli.CommandSyntax.Option;
import dev.omnivault.adapter.cli.CommandSyntax.Positional;
import java.util.ArrayList;
import java.util.List;

/**
 * The bash completion script of {@code omnivault completion bash}, written from the commands'
 * grammar: command names, then each command's options, the daemon's subcommands and its
 * {@code run} options, and file names where a command reads a file.
 */
final class Completion {

    /** The daemon program's commands (bootstrap answers them; listed here so Tab offers them). */
    private static final List<String> OTHER_COMMANDS = List.of("daemon", "demo", "version", "help");

    private static final String DAEMON_SUBCOMMANDS = "start stop status run";
    private static final String DAEMON_RUN_OPTIONS = "--auto-lock --max-unlock --transport --tcp-address --store";

    private Completion() {}

    static String bash(List<CommandSyntax> commands) {
        var names = new ArrayList<String>();
        var cases = new StringBuilder();
        for (CommandSyntax command : commands) {
            names.addAll(command.names());
            var words = new ArrayList<String>();
            for (Option option : command.options()) {
                words.addAll(option.names());
            }
            words.add("--help");
            String files = command.positionals().stream().anyMatch(Positional::file) ? "yes" : "";
            cases.append("    ")
                    .append(String.join("|", command.names()))
                    .append(") words=\"")
                    .append(String.join(" ", words))
                    .append("\"; files=\"")
                    .append(files)
                    .append("\" ;;\n");
        }
        names.addAll(OTHER_COMMANDS);
        return """
                # bash completion for omnivault (omnivault completion bash)
                _omnivault() {
                  local cur=${COMP_WORDS[COMP_CWORD]} words="" files=""
                  if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "%s" -- "$cur"))
                    return
                  fi
                  case ${COMP_WORDS[1]} in
                %s    daemon)
                      if [ "$COMP_CWORD" -eq 2 ]; then words="%s"; else words="%s"; fi ;;
                  esac
                  if [ -n "$files" ] && [[ $cur != -* ]]; then
                    COMPREPLY=($(compgen -f -- "$cur"))
                  else
                    COMPREPLY=($(compgen -W "$words" -- "$cur"))
                  fi
                }
                complete -F _omnivault omnivault
                """.formatted(String.join(" ", names), cases, DAEMON_SUBCOMMANDS, DAEMON_RUN_OPTIONS);
    }
}
