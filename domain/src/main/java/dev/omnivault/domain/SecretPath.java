package dev.omnivault.domain;

import java.util.List;

/**
 * The name of a secret: one or more segments of {@code [A-Za-z0-9._@+=-]} joined by {@code /}, no
 * empty, {@code .} or {@code ..} segment, at most {@value #MAX_BYTES} bytes. The only way to make
 * one is through this record, so every path in the system has passed these checks.
 */
public record SecretPath(String value) implements Comparable<SecretPath> {

    public static final int MAX_BYTES = 512;

    public SecretPath {
        if (value.isEmpty()) {
            throw new InvalidSecretPathException("path is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '/' && !isSegmentCharacter(c)) {
                throw new InvalidSecretPathException(
                        "only letters, digits, '/' and . _ @ + = - are allowed (position " + (i + 1) + ")");
            }
        }
        // Every allowed character is ASCII, so the length in chars is the length in bytes.
        if (value.length() > MAX_BYTES) {
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

    private static boolean isSegmentCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '@'
                || c == '+'
                || c == '='
                || c == '-';
    }
}
