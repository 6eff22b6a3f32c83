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
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!isAllowed(c)) {
                String position = " (position " + (i + 1) + ")";
                throw new InvalidSecretPathException(
                        NOT_IN_A_PATH.indexOf(c) >= 0
                                ? "'" + Character.toString(c) + "' is not allowed" + position + "; neither % nor \\ is"
                                : Character.isSurrogate((char) c)
                                        ? "not valid Unicode" + position
                                        : "control characters are not allowed" + position);
            }
            i += Character.charCount(c);
        }
        if (SecretBounds.utf8Length(value) > MAX_BYTES) {
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

    /** Whether {@code codePoint} may stand in a path ({@code /} separates segments and is allowed). */
    public static boolean isAllowed(int codePoint) {
        return !Character.isISOControl(codePoint)
                && codePoint != 0x2028
                && codePoint != 0x2029
                && codePoint != 0xFFFE
                && codePoint != 0xFFFF
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)
                && NOT_IN_A_PATH.indexOf(codePoint) < 0;
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
