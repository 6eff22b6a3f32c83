package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** edit's plain form: what is written is read back whole, and what a person may do to it is understood. */
class EditFormTest {

    private static String text(byte[] form) {
        return new String(form, StandardCharsets.UTF_8);
    }

    @Test
    void aSecret_roundTrips_multiLineValuesAndAwkwardFieldsIncluded() {
        var fields = new TreeMap<String, SecretValue>();
        fields.put("note", SecretValue.ofText("two\nlines \\ and a backslash"));
        fields.put("user", SecretValue.ofText("app=1"));
        byte[] form = EditForm.write(
                SecretValue.ofText("-----BEGIN KEY-----\nabc\n-----END KEY-----\n"), fields, Map.of("env", "prod"));
        assertEquals(
                "-----BEGIN KEY-----\nabc\n-----END KEY-----\n\n" + EditForm.SEPARATOR + "\n"
                        + "field note=two\\nlines \\\\ and a backslash\nfield user=app=1\ntag env=prod\n",
                text(form));
        try (var content = EditForm.read(form)) {
            assertEquals(
                    "-----BEGIN KEY-----\nabc\n-----END KEY-----\n",
                    content.value().revealText());
            assertEquals(
                    "two\nlines \\ and a backslash",
                    content.fields().get("note").revealText());
            assertEquals("app=1", content.fields().get("user").revealText());
            assertEquals(Map.of("env", "prod"), content.tags());
        }
    }

    @Test
    void whatAPersonDoes_toTheForm_isUnderstood() {
        String separator = EditForm.SEPARATOR;
        try (var empty = EditForm.read((separator + "\nfield a=1\n").getBytes(StandardCharsets.UTF_8))) {
            assertTrue(empty.value().isEmpty());
            assertEquals("1", empty.fields().get("a").revealText());
        }
        try (var noNewline = EditForm.read(("v\n" + separator).getBytes(StandardCharsets.UTF_8))) {
            assertEquals("v", noNewline.value().revealText());
        }
        try (var comments = EditForm.read(
                ("v\n" + separator + "\n# a note\n\n  \ntag team=a b\n").getBytes(StandardCharsets.UTF_8))) {
            assertEquals(Map.of("team", "a b"), comments.tags());
        }
        // the last separator line ends the value: a value may hold the line itself
        try (var twice =
                EditForm.read(("a\n" + separator + "\nb\n" + separator + "\n").getBytes(StandardCharsets.UTF_8))) {
            assertEquals("a\n" + separator + "\nb", twice.value().revealText());
        }
    }

    @Test
    void aFormThatCannotBeRead_isRefused_andSaysWhy_withoutTheValue() {
        String missing = assertThrows(
                        InvalidInputException.class, () -> EditForm.read("s3cr3t\n".getBytes(StandardCharsets.UTF_8)))
                .getMessage();
        assertTrue(missing.contains("is gone") && !missing.contains("s3cr3t"), missing);
        String wrong = assertThrows(
                        InvalidInputException.class,
                        () -> EditForm.read(
                                ("v\n" + EditForm.SEPARATOR + "\nuser=s3cr3t\n").getBytes(StandardCharsets.UTF_8)))
                .getMessage();
        assertTrue(wrong.contains("'user=…'") && !wrong.contains("s3cr3t"), wrong);
        assertThrows(
                InvalidInputException.class,
                () -> EditForm.read(
                        ("v\n" + EditForm.SEPARATOR + "\nfield a=1\nfield a=2\n").getBytes(StandardCharsets.UTF_8)));
        // a short last line, shorter than "field ", with no newline after it: refused, not a crash
        assertThrows(
                InvalidInputException.class,
                () -> EditForm.read(("v\n" + EditForm.SEPARATOR + "\nfie").getBytes(StandardCharsets.UTF_8)));
    }
}
