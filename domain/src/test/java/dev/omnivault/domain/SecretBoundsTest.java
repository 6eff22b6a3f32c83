package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SecretBoundsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final SecretPath PATH = SecretPath.of("big/one");

    private static SecretValue bytes(int length) {
        byte[] raw = new byte[length];
        Arrays.fill(raw, (byte) 'v');
        return SecretValue.ofUtf8(raw);
    }

    private static Secret make(SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
        return Secret.create(PATH, value, fields, tags, T0);
    }

    private static Map<String, SecretValue> fields(int count) {
        var fields = new TreeMap<String, SecretValue>();
        for (int i = 0; i < count; i++) {
            fields.put("f" + i, SecretValue.ofText("x"));
        }
        return fields;
    }

    private static Map<String, String> tags(int count) {
        var tags = new TreeMap<String, String>();
        for (int i = 0; i < count; i++) {
            tags.put("t" + i, "x");
        }
        return tags;
    }

    @Test
    void aValueAtTheBound_isAccepted_andOneByteMore_isRefused() {
        assertDoesNotThrow(() -> make(bytes(SecretBounds.MAX_VALUE_BYTES), Map.of(), Map.of()));
        var refused = assertThrows(
                InvalidInputException.class, () -> make(bytes(SecretBounds.MAX_VALUE_BYTES + 1), Map.of(), Map.of()));
        assertEquals("the value is larger than 4 MiB", refused.getMessage());
    }

    @Test
    void aOneMiBValue_isAccepted() {
        assertDoesNotThrow(() -> make(bytes(1024 * 1024), Map.of(), Map.of()));
    }

    @Test
    void fieldAndTagCounts_atTheBound_andOneMore() {
        assertDoesNotThrow(() -> make(SecretValue.empty(), fields(SecretBounds.MAX_FIELDS), Map.of()));
        assertDoesNotThrow(() -> make(SecretValue.empty(), Map.of(), tags(SecretBounds.MAX_TAGS)));
        var tooManyFields = assertThrows(
                InvalidInputException.class,
                () -> make(SecretValue.empty(), fields(SecretBounds.MAX_FIELDS + 1), Map.of()));
        assertEquals("a secret has at most 1000 fields (this one has 1001)", tooManyFields.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> make(SecretValue.empty(), Map.of(), tags(SecretBounds.MAX_TAGS + 1)));
    }

    @Test
    void the65536FieldsThatOnceWrappedTheCount_areRefused() {
        assertThrows(InvalidInputException.class, () -> make(SecretValue.empty(), fields(65_536), Map.of()));
    }

    @Test
    void aFieldValueOverTheBound_isRefused_namingTheFieldNotItsValue() {
        var refused = assertThrows(
                InvalidInputException.class,
                () -> make(SecretValue.empty(), Map.of("key", bytes(SecretBounds.MAX_VALUE_BYTES + 1)), Map.of()));
        assertEquals("field 'key' is larger than 4 MiB", refused.getMessage());
    }

    @Test
    void aTagValue_atTheBound_andOneByteMore() {
        String atBound = "t".repeat(SecretBounds.MAX_TAG_VALUE_BYTES);
        assertDoesNotThrow(() -> make(SecretValue.empty(), Map.of(), Map.of("env", atBound)));
        // 'é' is two bytes of UTF-8: the bound is in bytes, not chars
        String overInBytes = "é".repeat(SecretBounds.MAX_TAG_VALUE_BYTES / 2) + "x";
        assertThrows(
                InvalidInputException.class, () -> make(SecretValue.empty(), Map.of(), Map.of("env", overInBytes)));
    }

    @Test
    void theWholeSecret_isBounded_evenWhenEveryPartIsWithinItsOwn() {
        var fields = new TreeMap<String, SecretValue>();
        fields.put("a", bytes(SecretBounds.MAX_VALUE_BYTES));
        // value 4 MiB + field 4 MiB + names and path > 8 MiB
        var refused = assertThrows(
                InvalidInputException.class, () -> make(bytes(SecretBounds.MAX_VALUE_BYTES), fields, Map.of()));
        assertTrue(refused.getMessage().contains("8 MiB as a whole"), refused.getMessage());
        assertDoesNotThrow(() -> make(bytes(SecretBounds.MAX_VALUE_BYTES - 100), fields, Map.of()));
    }

    @Test
    void namesAreBounded_andNeverEmptyOrControl() {
        String longest = "n".repeat(SecretBounds.MAX_NAME_CHARS);
        assertDoesNotThrow(() -> make(SecretValue.empty(), Map.of(longest, SecretValue.ofText("x")), Map.of()));
        assertThrows(
                InvalidInputException.class,
                () -> make(SecretValue.empty(), Map.of(longest + "n", SecretValue.ofText("x")), Map.of()));
        assertThrows(InvalidInputException.class, () -> make(SecretValue.empty(), Map.of(), Map.of(" ", "x")));
        assertThrows(InvalidInputException.class, () -> make(SecretValue.empty(), Map.of(), Map.of("a\nb", "x")));
    }

    @Test
    void restoreAndOverwrite_checkTheSameBounds() {
        assertThrows(
                InvalidInputException.class,
                () -> Secret.restore(PATH, SecretValue.empty(), fields(SecretBounds.MAX_FIELDS + 1), Map.of(), T0, T0));
        Secret small = make(SecretValue.ofText("x"), Map.of(), Map.of());
        assertThrows(
                InvalidInputException.class,
                () -> small.overwrite(bytes(SecretBounds.MAX_VALUE_BYTES + 1), Map.of(), Map.of(), T0));
        assertFalse(small.value().isEmpty(), "the refused overwrite left the secret as it was");
    }
}
