package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretValueTest {

    @Test
    void ofUtf8_copiesTheCallersArray() {
        byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
        SecretValue value = SecretValue.ofUtf8(bytes);
        bytes[0] = 'X';
        assertEquals("secret", value.revealText());
    }

    @Test
    void revealBytes_returnsAFreshCopy() {
        SecretValue value = SecretValue.ofText("secret");
        byte[] revealed = value.revealBytes();
        revealed[0] = 'X';
        assertEquals("secret", value.revealText());
        assertNotSame(value.revealBytes(), value.revealBytes());
    }

    @Test
    void revealChars_decodesUtf8_intoAnExactlySizedFreshArray() {
        SecretValue value = SecretValue.ofText("pässwörd €");
        char[] chars = value.revealChars();
        assertArrayEquals("pässwörd €".toCharArray(), chars);
        chars[0] = 'X';
        assertArrayEquals("pässwörd €".toCharArray(), value.revealChars());
        assertEquals(0, SecretValue.empty().revealChars().length);
    }

    @Test
    void close_zeroesTheBytes() {
        SecretValue value = SecretValue.ofText("secret");
        value.close();
        assertArrayEquals(new byte[6], value.revealBytes());
    }

    @Test
    void empty_isSharedAndEmpty() {
        assertTrue(SecretValue.empty().isEmpty());
        assertSame(SecretValue.empty(), SecretValue.ofText(""));
        assertSame(SecretValue.empty(), SecretValue.ofUtf8(new byte[0]));
        assertSame(SecretValue.empty(), SecretValue.empty().copy());
        assertFalse(SecretValue.ofText("x").isEmpty());
    }

    @Test
    void byteLength_countsUtf8Bytes() {
        assertEquals(3, SecretValue.ofText("✓").byteLength());
        assertEquals(0, SecretValue.empty().byteLength());
    }

    @Test
    void sameAs_comparesContent() {
        assertTrue(SecretValue.ofText("abc").sameAs(SecretValue.ofText("abc")));
        assertFalse(SecretValue.ofText("abc").sameAs(SecretValue.ofText("abd")));
        assertFalse(SecretValue.ofText("abc").sameAs(SecretValue.ofText("abcd")));
    }

    @Test
    void copy_survivesClosingTheOriginal() {
        SecretValue original = SecretValue.ofText("secret");
        SecretValue copy = original.copy();
        original.close();
        assertEquals("secret", copy.revealText());
    }

    @Test
    void toString_isAMask() {
        assertEquals("SecretValue[***]", SecretValue.ofText("hunter2").toString());
    }
}
