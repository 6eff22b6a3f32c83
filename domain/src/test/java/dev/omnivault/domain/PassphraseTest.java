package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PassphraseTest {

    @Test
    void close_zeroesTheAdoptedArray() {
        char[] chars = "correct horse".toCharArray();
        Passphrase passphrase = Passphrase.adopt(chars);
        assertFalse(passphrase.isClosed());
        passphrase.close();
        assertArrayEquals(new char[13], chars);
        assertTrue(passphrase.isClosed());
    }

    @Test
    void reveal_afterClose_isRefused() {
        Passphrase passphrase = Passphrase.adopt("correct horse".toCharArray());
        passphrase.close();
        assertThrows(IllegalStateException.class, passphrase::revealUtf8);
        assertThrows(IllegalStateException.class, passphrase::revealChars);
    }

    @Test
    void revealUtf8_encodesNonAscii() {
        try (Passphrase passphrase = Passphrase.adopt("pässwörd✓".toCharArray())) {
            assertArrayEquals("pässwörd✓".getBytes(StandardCharsets.UTF_8), passphrase.revealUtf8());
        }
    }

    @Test
    void revealChars_isACopy() {
        try (Passphrase passphrase = Passphrase.adopt("abcdefgh".toCharArray())) {
            char[] copy = passphrase.revealChars();
            copy[0] = 'X';
            assertArrayEquals("abcdefgh".toCharArray(), passphrase.revealChars());
        }
    }

    @Test
    void length_countsCodePoints() {
        try (Passphrase emoji = Passphrase.adopt("😀😀😀😀😀😀😀😀".toCharArray())) {
            assertEquals(8, emoji.length());
            assertSame(emoji, emoji.requireStrongEnoughForNewVault("password"));
        }
    }

    @Test
    void requireStrongEnough_refusesSevenCharacters() {
        try (Passphrase seven = Passphrase.adopt("1234567".toCharArray());
                Passphrase eight = Passphrase.adopt("12345678".toCharArray())) {
            var refused =
                    assertThrows(InvalidInputException.class, () -> seven.requireStrongEnoughForNewVault("password"));
            assertEquals("password must be at least 8 characters", refused.getMessage());
            assertSame(eight, eight.requireStrongEnoughForNewVault("password"));
        }
    }

    @Test
    void toString_isAMask() {
        try (Passphrase passphrase = Passphrase.adopt("correct horse".toCharArray())) {
            assertEquals("Passphrase[***]", passphrase.toString());
        }
    }
}
