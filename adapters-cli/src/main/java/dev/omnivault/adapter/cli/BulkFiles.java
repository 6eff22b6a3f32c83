package dev.omnivault.adapter.cli;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.protocol.Requests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code omnivault import} reads: JSON in the API's secret shape (what {@code export
 * --include-values} prints: {@code {"secrets": [{"path", "value", "fields", "tags"}, …]}}, or a
 * bare array of those), or dotenv lines ({@code KEY=value}, each stored at {@code PREFIX + KEY}).
 * The caller closes the values of the commands it gets back.
 */
final class BulkFiles {

    private BulkFiles() {}

    /** {@code format} is json, dotenv, or empty to tell from the content (JSON starts with { or [). */
    static List<PutSecretCommand> parse(byte[] content, String format, String prefix, Caller caller) {
        String chosen = format.isEmpty() ? (looksLikeJson(content) ? "json" : "dotenv") : format;
        return switch (chosen) {
            case "json" -> {
                if (!prefix.isEmpty()) {
                    throw new InvalidInputException("--prefix is for dotenv input; JSON carries whole paths");
                }
                yield json(content, caller);
            }
            case "dotenv" -> dotenv(new String(content, StandardCharsets.UTF_8), prefix, caller);
            default -> throw new InvalidInputException("--format is json or dotenv, not " + format);
        };
    }

    private static boolean looksLikeJson(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    /**
     * An object with {@code secrets} (what {@code export --include-values} prints) or a bare array
     * of secrets, read by the protocol's import reader: values never become Strings.
     */
    private static List<PutSecretCommand> json(byte[] content, Caller caller) {
        return Requests.secrets(content, true).commands(caller);
    }

    /** One {@code KEY=value} line of a dotenv file: its key, its value unquoted, and its line number. */
    record DotenvLine(String key, String value, int line) {
        @Override
        public String toString() {
            return "line " + line + ": " + key + "=…";
        }
    }

    /**
     * {@code KEY=value} per line; blank lines and {@code #} comments skipped, an {@code export }
     * before the key allowed. A value in double quotes knows {@code \n}, {@code \"} and {@code \\};
     * in single quotes it is taken as it is; unquoted, it ends before a {@code #} that follows a
     * space, and is trimmed. A key given twice is refused.
     */
    static List<DotenvLine> dotenvLines(String text) {
        var lines = new ArrayList<DotenvLine>();
        var seen = new java.util.HashSet<String>();
        String[] texts = text.split("\r?\n", -1);
        for (int i = 0; i < texts.length; i++) {
            String line = texts[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("line " + (i + 1) + ": expected KEY=value");
            }
            String key = line.substring(0, equals).strip();
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("line " + (i + 1) + ": a dotenv KEY has no white space");
            }
            if (!seen.add(key)) {
                throw new InvalidInputException("line " + (i + 1) + ": " + key + " appears twice");
            }
            lines.add(new DotenvLine(key, dotenvValue(line.substring(equals + 1).strip(), i + 1), i + 1));
        }
        return lines;
    }

    /** Each dotenv line stored at {@code prefix + KEY}. */
    private static List<PutSecretCommand> dotenv(String text, String prefix, Caller caller) {
        var secrets = new ArrayList<PutSecretCommand>();
        try {
            for (DotenvLine line : dotenvLines(text)) {
                SecretPath secretPath;
                try {
                    secretPath = SecretPath.of(prefix + line.key());
                } catch (InvalidInputException badKey) {
                    throw new InvalidInputException("line " + line.line() + ": " + badKey.getMessage());
                }
                secrets.add(
                        new PutSecretCommand(secretPath, SecretValue.ofText(line.value()), Map.of(), Map.of(), caller));
            }
            return secrets;
        } catch (InvalidInputException invalid) {
            close(secrets);
            throw invalid;
        }
    }

    private static String dotenvValue(String raw, int line) {
        if (raw.startsWith("\"")) {
            var value = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    value.append(
                            switch (next) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                default -> next;
                            });
                } else {
                    value.append(c);
                }
            }
            throw new InvalidInputException("line " + line + ": the closing \" is missing");
        }
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw new InvalidInputException("line " + line + ": the closing ' is missing");
            }
            return raw.substring(1, end);
        }
        int comment = raw.indexOf(" #");
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }

    /** Zeroes the values and field values of {@code secrets}. */
    static void close(List<PutSecretCommand> secrets) {
        for (PutSecretCommand secret : secrets) {
            secret.value().close();
            secret.fields().values().forEach(SecretValue::close);
        }
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
