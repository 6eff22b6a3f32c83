package dev.omnivault.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A reference to a secret's value, {@code omnivault://PATH}, or to one of its fields,
 * {@code omnivault://PATH#FIELD}: what {@code read}, {@code run} and {@code inject} resolve. PATH and
 * FIELD are percent-encoded where they need to be ({@code %23} for a {@code #} in a path,
 * {@code %25} for {@code %}); a reference names a secret, it never holds a value.
 */
public record SecretReference(SecretPath path, Optional<String> field) {

    public static final String SCHEME = "omnivault://";

    public SecretReference {
        field.ifPresent(name -> {
            if (name.isEmpty()) {
                throw new InvalidInputException("a reference's field name after '#' must not be empty");
            }
        });
    }

    /** Whether {@code text} is written as a reference (it may still be a malformed one). */
    public static boolean looksLikeOne(String text) {
        return text.startsWith(SCHEME);
    }

    /**
     * The reference {@code text} writes.
     *
     * @throws InvalidInputException when it is not one, or its path or field is not allowed
     */
    public static SecretReference parse(String text) {
        if (!looksLikeOne(text)) {
            throw new InvalidInputException(
                    "not a secret reference (omnivault://PATH or omnivault://PATH#FIELD): " + shown(text));
        }
        String rest = text.substring(SCHEME.length());
        int hash = rest.indexOf('#');
        String path = hash < 0 ? rest : rest.substring(0, hash);
        Optional<String> field = hash < 0 ? Optional.empty() : Optional.of(decode(rest.substring(hash + 1), text));
        return new SecretReference(SecretPath.of(decode(path, text)), field);
    }

    /** The reference as it is written: PATH and FIELD percent-encoded where they must be. */
    public String text() {
        return SCHEME
                + encode(path.value())
                + field.map(name -> "#" + encode(name)).orElse("");
    }

    @Override
    public String toString() {
        return text();
    }

    private static String encode(String text) {
        var out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c > 0x20 && c < 0x7f && c != '%' && c != '#';
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String raw, String reference) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidInputException("invalid percent-encoding in the reference " + shown(reference));
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] encoded = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new InvalidInputException("the reference " + shown(reference) + " is not valid UTF-8 once decoded");
        }
    }

    /** {@code text} for a message: at most 80 characters, no control character. */
    private static String shown(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
