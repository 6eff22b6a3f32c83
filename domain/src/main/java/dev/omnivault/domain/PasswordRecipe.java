package dev.omnivault.domain;

/**
 * What {@code omnivault generate} makes: {@code length} characters of letters and digits (and
 * symbols unless {@code symbols} is false), at least one of each kind; or, when {@code words} is
 * above 0, a passphrase of that many words joined by {@code -}.
 */
public record PasswordRecipe(int length, boolean symbols, int words) {

    public static final int DEFAULT_LENGTH = 24;
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    public static final int MIN_WORDS = 3;
    public static final int MAX_WORDS = 64;

    public PasswordRecipe {
        if (words == 0 && (length < MIN_LENGTH || length > MAX_LENGTH)) {
            throw new InvalidInputException(
                    "a generated password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not " + length);
        }
        if (words != 0 && (words < MIN_WORDS || words > MAX_WORDS)) {
            throw new InvalidInputException(
                    "a generated passphrase has " + MIN_WORDS + " to " + MAX_WORDS + " words, not " + words);
        }
    }

    /** 24 characters of letters, digits and symbols. */
    public static PasswordRecipe standard() {
        return new PasswordRecipe(DEFAULT_LENGTH, true, 0);
    }

    /** Whether this makes a passphrase of words rather than characters. */
    public boolean passphrase() {
        return words > 0;
    }
}
