package dev.omnivault.domain;

import java.util.List;

/**
 * The name of a secret: one or more segments joined by {@code /}, in any Unicode text but control
 * characters, line or paragraph separators and {@value #NOT_IN_A_PATH} (which do not survive a URL
 * path), with no empty, {@code .} or {@code ..} segment, and at most {@value #MAX_BYTES} bytes of
 * UTF-8. The only way to make one is through this record, so every path in the system has passed
 * these checks.
 */
public record SecretPath(String value) implements Comparable<SecretPath> {

    public static final int MAX_BYTES = 512;

    /** Characters refused anywhere in a path: the daemon's HTTP server refuses them encoded in a URL path. */
    public static final String NOT_IN_A_PATH = "%\\";

    public SecretPath {
        if (value.isEmpty()) {
            throw new InvalidSecretPathException("path is empty");
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFFFE' || c == '\uFFFF') {
                throw new InvalidSecretPathException("control characters are not allowed (position " + (i + 1) + ")");
            }
            if (NOT_IN_A_PATH.indexOf(c) >= 0) {
                throw new InvalidSecretPathException(
                        "'" + c + "' is not allowed (position " + (i + 1) + "); neither % nor \\ is");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 == value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new InvalidSecretPathException("not valid Unicode (position " + (i + 1) + ")");
                }
                i++;
                bytes += 4;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        if (bytes > MAX_BYTES) {
            throw new InvalidSecretPathException("longer than " + MAX_BYTES + " bytes");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidSecretPathException("empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidSecretPathException("'.' and '..' segments are not allowed");
            }
        }
    }

    /** Parses a path, throwing {@link InvalidSecretPathException} when it breaks a rule. */
    public static SecretPath of(String value) {
        return new SecretPath(value);
    }

    public List<String> segments() {
        return List.of(value.split("/"));
    }

    /** Whether the path starts with {@code prefix} as plain text, as the Go original's list filter does. */
    public boolean hasPrefix(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public int compareTo(SecretPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
