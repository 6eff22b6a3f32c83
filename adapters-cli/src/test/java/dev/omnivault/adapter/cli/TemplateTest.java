package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretReference;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inject's templates: each {{ reference }} place filled, every other byte kept as it is. */
class TemplateTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachPlaceIsFilled_andEverythingElseIsKept() {
        String text = "db:\n  user: {{omnivault://app/db#user}}\n  password: \"{{ omnivault://app/db }}\"\n"
                + "  again: {{ omnivault://app/db }}\n  helm: {{ .Values.x }} {{ not a ref }}\n  tail: {{";
        Template template = Template.parse(utf8(text));
        assertEquals(
                List.of(SecretReference.parse("omnivault://app/db#user"), SecretReference.parse("omnivault://app/db")),
                template.references());
        Map<SecretReference, byte[]> values = new HashMap<>();
        values.put(SecretReference.parse("omnivault://app/db#user"), utf8("app"));
        values.put(SecretReference.parse("omnivault://app/db"), utf8("p\"w\nline2"));
        assertEquals(
                "db:\n  user: app\n  password: \"p\"w\nline2\"\n  again: p\"w\nline2\n"
                        + "  helm: {{ .Values.x }} {{ not a ref }}\n  tail: {{",
                new String(template.render(values), StandardCharsets.UTF_8));
    }

    @Test
    void aTemplateWithoutPlaces_isCopiedByteForByte() {
        byte[] text = {'a', (byte) 0xff, '{', '}', '\r', '\n'};
        Template template = Template.parse(text.clone());
        assertEquals(List.of(), template.references());
        assertEquals(
                new String(text, StandardCharsets.ISO_8859_1),
                new String(template.render(Map.of()), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMalformedReference_isRefused_withItsLine() {
        String message = assertThrows(
                        InvalidInputException.class, () -> Template.parse(utf8("ok\nkey: {{ omnivault://app/%zz }}\n")))
                .getMessage();
        assertTrue(message.startsWith("line 2: "), message);
    }
}
