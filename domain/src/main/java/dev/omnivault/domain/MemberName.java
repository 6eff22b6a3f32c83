package dev.omnivault.domain;

import java.util.regex.Pattern;

/**
 * The name a member of a team vault unlocks with: 1 to 32 letters, digits, {@code .}, {@code _}
 * or {@code -}, starting with a letter or digit, so it is one plain word in a log line, a table and
 * a shell. The vault's creator is {@link #OWNER}.
 */
public record MemberName(String value) implements Comparable<MemberName> {

    public static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    /** The member a vault is created with, and whom an unlock without a name opens as. */
    public static final MemberName OWNER = new MemberName("owner");

    public MemberName {
        if (value.isEmpty()) {
            throw new InvalidInputException("a member name must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException("a member name has at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidInputException(
                    "a member name holds only letters, digits, '.', '_' and '-', and starts with a letter or digit");
        }
    }

    public static MemberName of(String value) {
        return new MemberName(value);
    }

    @Override
    public int compareTo(MemberName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
