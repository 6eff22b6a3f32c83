package dev.omnivault.protocol;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretValue;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Jackson's streaming core as the wire uses it: buffers pooled and zeroed as they return, strict
 * reading (no duplicate names), and passwords and values moved between the parser's or the
 * generator's buffers and {@code char[]}/{@code byte[]} that are zeroed, never through a String.
 */
final class Json {

    private static final JsonFactory JSON = JsonFactory.builder()
            // Pooled buffers, zeroed as they return: none keeps the last password or value it held.
            .recyclerPool(new ZeroingRecyclerPool())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    /** One JSON object, its members written by {@code fields}, in an array of its own (the sink is wiped). */
    static byte[] object(Consumer<JsonGenerator> fields) {
        return object(256, fields);
    }

    static byte[] object(int expectedBytes, Consumer<JsonGenerator> fields) {
        var out = new WipingOutput(expectedBytes);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            fields.accept(json);
            json.writeEndObject();
        }
        return out.toByteArrayAndWipe();
    }

    static JsonParser parser(byte[] body) {
        return JSON.createParser(ObjectReadContext.empty(), body);
    }

    /** Writes {@code value} as a JSON string from a char array that is zeroed afterwards. */
    static void writeValue(JsonGenerator json, SecretValue value) {
        char[] chars = value.revealChars();
        try {
            json.writeString(chars, 0, chars.length);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Writes the member {@code name} with a password's characters (the caller zeroes them). */
    static void writeChars(JsonGenerator json, String name, char[] chars) {
        json.writeName(name);
        json.writeString(chars, 0, chars.length);
    }

    /** The current string token's characters, copied out of the parser's buffer. */
    static char[] chars(JsonParser parser) {
        int offset = parser.getStringOffset();
        return Arrays.copyOfRange(parser.getStringCharacters(), offset, offset + parser.getStringLength());
    }

    /** The current string token as a secret value (UTF-8 bytes), through arrays that are zeroed. */
    static SecretValue secretValue(JsonParser parser) {
        char[] chars = chars(parser);
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Arrays.fill(encoded.array(), (byte) 0);
            SecretValue value = SecretValue.ofUtf8(bytes);
            Arrays.fill(bytes, (byte) 0);
            return value;
        } catch (CharacterCodingException loneSurrogate) {
            throw new InvalidInputException("a value is not valid Unicode text");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    static void expect(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
