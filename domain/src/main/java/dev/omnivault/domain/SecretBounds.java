package dev.omnivault.domain;

import java.util.Map;

/**
 * How big one secret may be. Every secret is checked against these bounds when it is made, so a
 * write that is acknowledged can always be stored and read back; the storage checks its own
 * encoding limits again when it seals a record.
 */
public final class SecretBounds {

    /** Longest field or tag name, in chars. */
    public static final int MAX_NAME_CHARS = 256;
    /** Most fields on one secret. */
    public static final int MAX_FIELDS = 1000;
    /** Most tags on one secret. */
    public static final int MAX_TAGS = 1000;
    /** Largest primary value, and largest value of one field, in UTF-8 bytes (4 MiB). */
    public static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;
    /** Largest value of one tag, in UTF-8 bytes (64 KiB). */
    public static final int MAX_TAG_VALUE_BYTES = 64 * 1024;
    /** Largest secret as a whole: path, value, every field and tag name and value (8 MiB of UTF-8). */
    public static final int MAX_SECRET_BYTES = 8 * 1024 * 1024;

    private SecretBounds() {}

    /** Refuses content over any bound with a message that names the bound and never quotes a value. */
    static void check(SecretPath path, SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
        if (fields.size() > MAX_FIELDS) {
            throw new InvalidInputException(
                    "a secret has at most " + MAX_FIELDS + " fields (this one has " + fields.size() + ")");
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException(
                    "a secret has at most " + MAX_TAGS + " tags (this one has " + tags.size() + ")");
        }
        long total = utf8Length(path.value());
        total += checkValue("the value", value.byteLength());
        for (var field : fields.entrySet()) {
            checkName("field", field.getKey());
            total += utf8Length(field.getKey())
                    + checkValue(
                            "field '" + field.getKey() + "'", field.getValue().byteLength());
        }
        for (var tag : tags.entrySet()) {
            checkName("tag", tag.getKey());
            long tagBytes = utf8Length(tag.getValue());
            if (tagBytes > MAX_TAG_VALUE_BYTES) {
                throw new InvalidInputException("the value of tag '" + tag.getKey() + "' is larger than "
                        + MAX_TAG_VALUE_BYTES / 1024 + " KiB");
            }
            total += utf8Length(tag.getKey()) + tagBytes;
        }
        if (total > MAX_SECRET_BYTES) {
            throw new InvalidInputException("a secret is at most " + MAX_SECRET_BYTES / (1024 * 1024)
                    + " MiB as a whole (path, value, fields and tags)");
        }
    }

    private static long checkValue(String what, int bytes) {
        if (bytes > MAX_VALUE_BYTES) {
            throw new InvalidInputException(what + " is larger than " + MAX_VALUE_BYTES / (1024 * 1024) + " MiB");
        }
        return bytes;
    }

    private static void checkName(String kind, String name) {
        if (name.isBlank()) {
            throw new InvalidInputException(kind + " name is empty");
        }
        if (name.length() > MAX_NAME_CHARS) {
            throw new InvalidInputException(kind + " name is longer than " + MAX_NAME_CHARS + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(kind + " name contains a control character");
        }
    }

    /** The length of {@code text} in UTF-8, counted without encoding it (a lone surrogate as 3). */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3; // a lone surrogate is written as '?' (1 byte); 3 errs on the safe side
            }
        }
        return length;
    }
}
