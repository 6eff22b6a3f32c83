package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run --mask's filter: every value hidden wherever the reads split it, and nothing else held back. */
class MaskerTest {

    private static final String MASK = Masker.TEXT;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The output for {@code input} fed in pieces of {@code piece} bytes. */
    private static String filtered(List<String> values, String input, int piece) {
        var masker = new Masker(values.stream().map(MaskerTest::utf8).toList());
        byte[] bytes = utf8(input);
        var out = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += piece) {
            int length = Math.min(piece, bytes.length - at);
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, at, at + length);
            out.writeBytes(masker.feed(chunk, length));
        }
        out.writeBytes(masker.finish());
        masker.erase();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aValueIsHidden_howeverTheReadsSplitIt() {
        String input = "user=app password=s3cr3t! and again s3cr3t!\n";
        String expected = "user=app password=" + MASK + " and again " + MASK + "\n";
        for (int piece = 1; piece <= input.length(); piece++) {
            assertEquals(expected, filtered(List.of("s3cr3t!"), input, piece), "pieces of " + piece);
        }
    }

    @Test
    void aValueThatHoldsAnother_isHiddenWhole() {
        for (int piece = 1; piece <= 8; piece++) {
            assertEquals(
                    MASK + " " + MASK + "x", filtered(List.of("ab", "abcd"), "abcd abx", piece), "pieces of " + piece);
        }
    }

    @Test
    void theStartOfAValue_atTheEnd_isWrittenAsItIs() {
        assertEquals("tail s3cr", filtered(List.of("s3cr3t"), "tail s3cr", 2));
    }

    @Test
    void outputWithNoValue_isNotHeldBack() {
        var masker = new Masker(List.of(utf8("secret")));
        assertEquals("prompt> ", new String(masker.feed(utf8("prompt> "), 8), StandardCharsets.UTF_8));
        // "se" could start the value: held back until the next read says otherwise
        assertEquals("", new String(masker.feed(utf8("se"), 2), StandardCharsets.UTF_8));
        assertEquals("sea\n", new String(masker.feed(utf8("a\n"), 2), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyValue_hidesNothing_andMultiLineOrUtf8ValuesAreHidden() {
        assertEquals("a b", filtered(List.of(""), "a b", 1));
        assertEquals(
                "-> " + MASK + " <-",
                filtered(
                        List.of("-----BEGIN KEY-----\nAbC\n-----END KEY-----"),
                        "-> -----BEGIN KEY-----\nAbC\n-----END KEY----- <-",
                        3));
        assertEquals("[" + MASK + "]", filtered(List.of("pässwörd✓"), "[pässwörd✓]", 1));
    }
}
