package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPathTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "database/password",
                "api/key",
                "a",
                "A-Z_a.z@0+9=x",
                "unicode/greeting",
                "deep/nested/path/with/many/segments",
                "..hidden/x",
                "x/...",
                "user@example.com/token",
                // what Go OmniVault vaults hold: any text but control characters
                "has space",
                "query?x",
                "hash#x",
                "star*",
                "colon:x",
                "grüße",
                "semi;colon",
                "til~de/a!(b),c",
                "emoji/😀",
                "日本語/鍵"
            })
    void of_validPath_keepsItAsGiven(String text) {
        assertEquals(text, SecretPath.of(text).value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "/leading",
                "trailing/",
                "double//slash",
                ".",
                "..",
                "a/./b",
                "a/../b",
                "../escape",
                "back\\slash",
                "percent%2F",
                "tab\there",
                "new\nline",
                "nul\0byte",
                "del\u007Fchar",
                "c1\u0085next-line",
                "line\u2028separator",
                "para\u2029separator",
                "lone\uD800surrogate",
                "swapped\uDC00\uD800"
            })
    void of_invalidPath_isRefused(String text) {
        var refused = assertThrows(InvalidSecretPathException.class, () -> SecretPath.of(text));
        assertTrue(refused.getMessage().startsWith("invalid secret path: "));
    }

    @Test
    void theLengthBound_isInBytesOfUtf8() {
        assertEquals(512, SecretPath.of("é".repeat(256)).value().length() * 2);
        assertThrows(InvalidSecretPathException.class, () -> SecretPath.of("é".repeat(256) + "x"));
        assertThrows(InvalidSecretPathException.class, () -> SecretPath.of("😀".repeat(128) + "x"));
    }

    @Test
    void of_exactly512Bytes_isAccepted() {
        String text = "a".repeat(256) + "/" + "b".repeat(255);
        assertEquals(512, SecretPath.of(text).value().length());
    }

    @Test
    void of_513Bytes_isRefusedNamingTheLimit() {
        String text = "a".repeat(256) + "/" + "b".repeat(256);
        var refused = assertThrows(InvalidSecretPathException.class, () -> SecretPath.of(text));
        assertEquals("invalid secret path: longer than 512 bytes", refused.getMessage());
    }

    @Test
    void of_refusedCharacter_namesItsPositionNotThePath() {
        var refused = assertThrows(InvalidSecretPathException.class, () -> SecretPath.of("ab\tc"));
        assertTrue(refused.getMessage().contains("position 3"), refused.getMessage());
    }

    @Test
    void of_emptySegmentAndDotSegment_haveTheirOwnMessages() {
        assertEquals(
                "invalid secret path: empty segment",
                assertThrows(InvalidSecretPathException.class, () -> SecretPath.of("a//b"))
                        .getMessage());
        assertEquals(
                "invalid secret path: '.' and '..' segments are not allowed",
                assertThrows(InvalidSecretPathException.class, () -> SecretPath.of("a/.."))
                        .getMessage());
        assertEquals(
                "invalid secret path: path is empty",
                assertThrows(InvalidSecretPathException.class, () -> SecretPath.of(""))
                        .getMessage());
    }

    @Test
    void segments_splitOnSlash() {
        assertEquals(List.of("a", "b", "c"), SecretPath.of("a/b/c").segments());
    }

    @Test
    void hasPrefix_isPlainTextLikeTheGoOriginal() {
        var path = SecretPath.of("database/password");
        assertTrue(path.hasPrefix("data"));
        assertTrue(path.hasPrefix("database/"));
        assertTrue(path.hasPrefix(""));
        assertFalse(path.hasPrefix("api"));
    }

    @Test
    void compareTo_ordersByText() {
        assertTrue(SecretPath.of("a/b").compareTo(SecretPath.of("a/c")) < 0);
        assertTrue(SecretPath.of("b").compareTo(SecretPath.of("a")) > 0);
        assertEquals(0, SecretPath.of("a").compareTo(SecretPath.of("a")));
    }

    @Test
    void toString_isThePath() {
        assertEquals("api/key", SecretPath.of("api/key").toString());
    }
}
