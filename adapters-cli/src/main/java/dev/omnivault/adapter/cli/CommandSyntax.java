package dev.omnivault.adapter.cli;

import dev.omnivault.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The grammar of one {@code omnivault} command (SPEC §8): its names, its positional parameters
 * and its options, from which come its parser, its help and the shell-completion script.
 *
 * <p>Plain data and one loop, on purpose: a CLI call parses a handful of words, and doing it
 * without reflection or annotation processing keeps the call near the JVM's start-up floor
 * (issue 7; picocli's model building cost about half of an {@code omnivault get}).
 *
 * <p>The rules are the usual ones: options may come before, between or after the positional
 * parameters; {@code --name value} and {@code --name=value} are the same; {@code --} ends the
 * options, so a value that starts with a dash is written {@code omnivault set k -- -v}; a lone
 * {@code -} is a positional parameter (stdin); {@code -h}/{@code --help} asks for the help.
 */
record CommandSyntax(
        String name, List<String> aliases, String summary, List<Positional> positionals, List<Option> options) {

    /**
     * A positional parameter; the optional ones come after the required ones. {@code file}: it
     * names a file to read (so the completion script offers file names there). {@code rest}: the
     * last one, it takes every word from the first it gets, options or not ({@code run}'s command
     * and its arguments), so nothing after it is read as one of ours. {@code secret}: it names a
     * secret, whose names the completion scripts ask the daemon for.
     */
    record Positional(String label, boolean required, boolean file, boolean rest, boolean secret) {
        static Positional required(String label) {
            return new Positional(label, true, false, false, false);
        }

        static Positional optional(String label) {
            return new Positional(label, false, false, false, false);
        }

        static Positional file(String label) {
            return new Positional(label, true, true, false, false);
        }

        static Positional rest(String label) {
            return new Positional(label, true, false, true, false);
        }

        /** A secret's path (or a prefix of one): the completion scripts offer the vault's names there. */
        static Positional secret(String label, boolean required) {
            return new Positional(label, required, false, false, true);
        }
    }

    /**
     * An option: its names (the first is its key), the label of its value ({@code null} for a
     * flag), whether it may be given more than once, and one line of help.
     */
    record Option(List<String> names, @Nullable String valueLabel, boolean repeatable, String description) {
        static Option flag(String name, String description) {
            return new Option(List.of(name), null, false, description);
        }

        static Option flag(String shortName, String name, String description) {
            return new Option(List.of(name, shortName), null, false, description);
        }

        static Option value(String name, String valueLabel, String description) {
            return new Option(List.of(name), valueLabel, false, description);
        }

        static Option value(String shortName, String name, String valueLabel, String description) {
            return new Option(List.of(name, shortName), valueLabel, false, description);
        }

        static Option repeatable(String name, String valueLabel, String description) {
            return new Option(List.of(name), valueLabel, true, description);
        }

        String key() {
            return names.getFirst();
        }
    }

    CommandSyntax {
        aliases = List.copyOf(aliases);
        positionals = List.copyOf(positionals);
        options = List.copyOf(options);
    }

    /** The command's name, then its aliases. */
    List<String> names() {
        var names = new ArrayList<String>(1 + aliases.size());
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    /** Whether {@code word} names this command. */
    boolean isCalled(String word) {
        return name.equals(word) || aliases.contains(word);
    }

    /**
     * Parses the words after the command's name. A mistake is an {@link InvalidInputException}
     * (exit code 2) whose message names it and shows the command's one-line usage.
     */
    Arguments parse(List<String> words) {
        var positionalValues = new ArrayList<String>();
        var optionValues = new HashMap<String, List<String>>();
        boolean help = false;
        boolean optionsEnded = false;
        for (int at = 0; at < words.size(); at++) {
            String word = words.get(at);
            if (optionsEnded || word.equals("-") || !word.startsWith("-")) {
                positionalValues.add(word);
                optionsEnded |= takesTheRest(positionalValues.size() - 1);
                continue;
            }
            if (word.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (word.equals("-h") || word.equals("--help")) {
                help = true;
                continue;
            }
            int equals = word.startsWith("--") ? word.indexOf('=') : -1;
            String optionName = equals < 0 ? word : word.substring(0, equals);
            Option option = option(optionName);
            String value;
            if (option.valueLabel() == null) {
                if (equals >= 0) {
                    throw mistake("option " + optionName + " takes no value");
                }
                value = "";
            } else if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (at + 1 < words.size()) {
                value = words.get(++at);
            } else {
                throw mistake("option " + optionName + " needs a value (" + option.valueLabel() + ")");
            }
            List<String> given = optionValues.computeIfAbsent(option.key(), key -> new ArrayList<>());
            if (!given.isEmpty() && !option.repeatable()) {
                throw mistake("option " + optionName + " is given twice");
            }
            given.add(value);
        }
        if (!help) {
            boolean rest = !positionals.isEmpty() && positionals.getLast().rest();
            if (!rest && positionalValues.size() > positionals.size()) {
                throw mistake("unexpected argument '" + positionalValues.get(positionals.size()) + "'");
            }
            for (int at = positionalValues.size(); at < positionals.size(); at++) {
                if (positionals.get(at).required()) {
                    throw mistake("missing " + positionals.get(at).label());
                }
            }
        }
        return new Arguments(help, positionalValues, optionValues);
    }

    /** Whether the positional parameter at {@code index} takes every word after it. */
    private boolean takesTheRest(int index) {
        return index < positionals.size() && positionals.get(index).rest();
    }

    /** What every command takes besides its own options. */
    static final List<Option> COMMON = List.of(
            Option.flag("--json", "print JSON (the API's, or {\"success\":true,\"message\":…} for a success line)"),
            Option.flag("-q", "--quiet", "no success line (values and lists still print)"));

    private Option option(String optionName) {
        for (Option option : options) {
            if (option.names().contains(optionName)) {
                return option;
            }
        }
        for (Option option : COMMON) {
            if (option.names().contains(optionName)) {
                return option;
            }
        }
        throw mistake("unknown option '" + optionName + "'");
    }

    private InvalidInputException mistake(String what) {
        return new InvalidInputException(name + ": " + what + " (usage: " + usageLine() + ")");
    }

    /**
     * {@code omnivault get <path> [--field NAME] [--json]}; a command that takes the rest of the
     * words shows its options first: {@code omnivault run [--env NAME=REF]... [--] CMD [ARGS]}.
     */
    String usageLine() {
        var line = new StringBuilder("omnivault ").append(name);
        boolean rest = !positionals.isEmpty() && positionals.getLast().rest();
        if (!rest) {
            appendPositionals(line);
        }
        for (Option option : options) {
            line.append(" [").append(String.join("|", option.names().reversed()));
            if (option.valueLabel() != null) {
                line.append(' ').append(option.valueLabel());
            }
            line.append(option.repeatable() ? "]..." : "]");
        }
        if (rest) {
            appendPositionals(line);
        }
        return line.toString();
    }

    private void appendPositionals(StringBuilder line) {
        for (Positional positional : positionals) {
            String label = positional.rest() ? "[--] " + positional.label() : positional.label();
            line.append(' ').append(positional.required() ? label : "[" + label + "]");
        }
    }

    /** What {@code omnivault <command> --help} prints. */
    String help() {
        var text = new StringBuilder("Usage: ").append(usageLine()).append('\n');
        if (!aliases.isEmpty()) {
            text.append("Also: ").append(String.join(", ", aliases)).append('\n');
        }
        text.append(summary).append('\n');
        if (!options.isEmpty()) {
            text.append("Options:\n");
            for (Option option : options) {
                String names = String.join(", ", option.names().reversed())
                        + (option.valueLabel() == null ? "" : " " + option.valueLabel());
                text.append(String.format("  %-24s %s%n", names, option.description()));
            }
        }
        text.append("Every command also takes --json, -q/--quiet and -h/--help.\n");
        return text.toString();
    }

    /** The words of a command line after the command, as one command's parser read them. */
    record Arguments(boolean help, List<String> positionals, Map<String, List<String>> options) {

        Arguments {
            positionals = List.copyOf(positionals);
            options = Map.copyOf(options);
        }

        /** The positional parameter at {@code index}, or {@code fallback} when not given. */
        String positional(int index, String fallback) {
            return index < positionals.size() ? positionals.get(index) : fallback;
        }

        boolean flag(String option) {
            return options.containsKey(option);
        }

        String value(String option, String fallback) {
            List<String> given = options.get(option);
            return given == null ? fallback : given.getFirst();
        }

        List<String> values(String option) {
            return options.getOrDefault(option, List.of());
        }
    }
}
