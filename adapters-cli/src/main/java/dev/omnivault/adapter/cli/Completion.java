package dev.omnivault.adapter.cli;

import dev.omnivault.adapter.cli.CommandSyntax.Option;
import dev.omnivault.adapter.cli.CommandSyntax.Positional;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell-completion scripts of {@code omnivault completion bash|zsh|fish}, each native to its
 * shell and written from the commands' grammar: command names (with their summaries where the
 * shell shows them), each command's options, file names where a command reads a file, the
 * daemon's subcommands, and secret names where a command takes a path. Names come from the
 * daemon's index through the hidden command {@value #NAMES_COMMAND} (one level at a time, folders
 * ending in {@code /}); while the daemon is locked or down it prints nothing and never prompts.
 */
final class Completion {

    /** The hidden command the scripts call for names: {@code omnivault __complete PREFIX}. */
    static final String NAMES_COMMAND = "__complete";

    /** The daemon program's commands (bootstrap answers them; listed here so Tab offers them). */
    private static final List<String> OTHER_COMMANDS = List.of("daemon", "demo", "doctor", "version", "help");

    private static final String DAEMON_SUBCOMMANDS = "start stop status run";
    private static final String DAEMON_RUN_OPTIONS = "--auto-lock --max-unlock --transport --tcp-address --store";

    private Completion() {}

    /** The word positions (from 2: the word after the command) where {@code command} takes a secret's path. */
    private static List<Integer> namePositions(CommandSyntax command) {
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < command.positionals().size(); i++) {
            if (command.positionals().get(i).secret()) {
                positions.add(i + 2);
            }
        }
        return positions;
    }

    private static boolean readsAFile(CommandSyntax command) {
        return command.positionals().stream().anyMatch(Positional::file);
    }

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
            cases.append("    ")
                    .append(String.join("|", command.names()))
                    .append(") words=\"")
                    .append(String.join(" ", words))
                    .append("\"; files=\"")
                    .append(readsAFile(command) ? "yes" : "")
                    .append("\"; names=\"")
                    .append(String.join(
                            " ",
                            namePositions(command).stream().map(String::valueOf).toList()))
                    .append("\" ;;\n");
        }
        names.addAll(OTHER_COMMANDS);
        return """
                # bash completion for omnivault (omnivault completion bash)
                _omnivault_names() {
                  local IFS=$'\\n'
                  COMPREPLY=($("$1" %s "$2" 2>/dev/null))
                  # a folder (name/) is completed without a space, so Tab goes on into it
                  if [ "${#COMPREPLY[@]}" -eq 1 ] && [[ ${COMPREPLY[0]} == */ ]]; then
                    compopt -o nospace 2>/dev/null
                  fi
                }
                _omnivault() {
                  local cur=${COMP_WORDS[COMP_CWORD]} words="" files="" names=""
                  if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "%s" -- "$cur"))
                    return
                  fi
                  case ${COMP_WORDS[1]} in
                %s    daemon)
                      if [ "$COMP_CWORD" -eq 2 ]; then words="%s"; else words="%s"; fi ;;
                  esac
                  if [[ $cur != -* ]] && [[ " $names " == *" $COMP_CWORD "* ]]; then
                    _omnivault_names "${COMP_WORDS[0]}" "$cur"
                  elif [ -n "$files" ] && [[ $cur != -* ]]; then
                    COMPREPLY=($(compgen -f -- "$cur"))
                  else
                    COMPREPLY=($(compgen -W "$words" -- "$cur"))
                  fi
                }
                complete -F _omnivault omnivault
                """.formatted(NAMES_COMMAND, String.join(" ", names), cases, DAEMON_SUBCOMMANDS, DAEMON_RUN_OPTIONS);
    }

    /** zsh's own completion system: {@code _describe} for the commands, {@code _arguments} for each one. */
    static String zsh(List<CommandSyntax> commands) {
        var described = new StringBuilder();
        var cases = new StringBuilder();
        for (CommandSyntax command : commands) {
            for (String name : command.names()) {
                described
                        .append("    ")
                        .append(zshQuote(name + ":" + command.summary().replace(":", "\\:")))
                        .append('\n');
            }
            var specs = new ArrayList<String>();
            for (Option option : command.options()) {
                String description = "[" + zshEscape(option.description()) + "]";
                String value = option.valueLabel() == null ? "" : ":" + zshEscape(option.valueLabel()) + ":";
                String repeat = option.repeatable() ? "*" : "";
                if (option.names().size() == 1) {
                    specs.add(zshQuote(repeat + option.key() + (value.isEmpty() ? "" : "=") + description + value));
                } else {
                    String both = "{" + String.join(",", option.names()) + "}";
                    specs.add(
                            repeat.isEmpty()
                                    ? "'(" + String.join(" ", option.names()) + ")'" + both
                                            + zshQuote(description + value)
                                    : zshQuote(repeat) + both + zshQuote(description + value));
                }
            }
            specs.add(zshQuote("--help[show this command's help]"));
            for (int i = 0; i < command.positionals().size(); i++) {
                Positional positional = command.positionals().get(i);
                String action = positional.secret()
                        ? "_omnivault_names"
                        : positional.file() ? "_files" : positional.rest() ? "_command_names -e" : " ";
                String where = positional.rest() ? "*" : String.valueOf(i + 1);
                specs.add(zshQuote(where + (positional.required() ? "" : ":") + ":" + zshEscape(positional.label())
                        + ":" + action));
            }
            cases.append("    ")
                    .append(String.join("|", command.names()))
                    .append(") _arguments -s ")
                    .append(String.join(" ", specs))
                    .append(" ;;\n");
        }
        for (String other : OTHER_COMMANDS) {
            described.append("    ").append(zshQuote(other + ":" + other)).append('\n');
        }
        return """
                #compdef omnivault
                # zsh completion for omnivault (omnivault completion zsh): source it, or put it in a
                # directory of $fpath as _omnivault
                _omnivault_names() {
                  local -a names
                  names=(${(f)"$(${_omnivault_program:-omnivault} %s "$PREFIX" 2>/dev/null)"})
                  compadd -S '' -- ${(M)names:#*/}
                  compadd -- ${names:#*/}
                }
                _omnivault() {
                  local -a commands
                  commands=(
                %s  )
                  if (( CURRENT == 2 )); then
                    _describe -t commands 'omnivault command' commands
                    return
                  fi
                  typeset -g _omnivault_program=${words[1]}
                  shift words
                  (( CURRENT-- ))
                  case ${words[1]} in
                %s    daemon) _arguments '1:subcommand:(%s)' '*:option:(%s)' ;;
                  esac
                }
                if (( $+functions[compdef] )); then compdef _omnivault omnivault; fi
                """.formatted(NAMES_COMMAND, described, cases, DAEMON_SUBCOMMANDS, DAEMON_RUN_OPTIONS);
    }

    /** fish's {@code complete -c} lines: commands with their summaries, options, files and names per command. */
    static String fish(List<CommandSyntax> commands) {
        var lines = new StringBuilder("""
                # fish completion for omnivault (omnivault completion fish | source)
                function __omnivault_names
                    set -l program (commandline -opc)[1]
                    $program %s (commandline -ct) 2>/dev/null
                end
                complete -c omnivault -f
                """.formatted(NAMES_COMMAND));
        var all = new ArrayList<String>();
        commands.forEach(command -> all.addAll(command.names()));
        all.addAll(OTHER_COMMANDS);
        for (CommandSyntax command : commands) {
            for (String name : command.names()) {
                lines.append("complete -c omnivault -n __fish_use_subcommand -a ")
                        .append(name)
                        .append(" -d ")
                        .append(fishQuote(command.summary()))
                        .append('\n');
            }
            String when = "-n " + fishQuote("__fish_seen_subcommand_from " + String.join(" ", command.names()));
            for (Option option : command.options()) {
                lines.append("complete -c omnivault ").append(when);
                for (String name : option.names()) {
                    lines.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
                }
                if (option.valueLabel() != null) {
                    lines.append(" -r");
                }
                lines.append(" -d ").append(fishQuote(option.description())).append('\n');
            }
            if (!namePositions(command).isEmpty()) {
                lines.append("complete -c omnivault ").append(when).append(" -a '(__omnivault_names)'\n");
            }
            if (readsAFile(command)) {
                lines.append("complete -c omnivault ").append(when).append(" -F\n");
            }
        }
        lines.append("complete -c omnivault -n __fish_use_subcommand -a ")
                .append(fishQuote(String.join(" ", OTHER_COMMANDS)))
                .append('\n');
        lines.append("complete -c omnivault -n ")
                .append(fishQuote("__fish_seen_subcommand_from daemon; and not __fish_seen_subcommand_from "
                        + DAEMON_SUBCOMMANDS))
                .append(" -a ")
                .append(fishQuote(DAEMON_SUBCOMMANDS))
                .append('\n');
        return lines.toString();
    }

    private static String zshQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Brackets and colons mean something in an {@code _arguments} spec. */
    private static String zshEscape(String text) {
        return text.replace("\\", "\\\\")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace(":", "\\:");
    }

    private static String fishQuote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
