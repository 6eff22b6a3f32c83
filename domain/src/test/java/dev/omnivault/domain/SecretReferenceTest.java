package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretReferenceTest {

    @Test
    void aReference_namesAPath_andOptionallyAField_percentDecodedOnce() {
        assertEquals(
                new SecretReference(SecretPath.of("app/db"), Optional.empty()),
                SecretReference.parse("omnivault://app/db"));
        assertEquals(
                new SecretReference(SecretPath.of("app/a#b c"), Optional.of("pass%word")),
                SecretReference.parse("omnivault://app/a%23b%20c#pass%25word"));
        assertEquals(
                new SecretReference(SecretPath.of("naïve/ключ"), Optional.empty()),
                SecretReference.parse("omnivault://naïve/ключ"));
    }

    @Test
    void text_isReadBackAsTheSameReference() {
        for (String text : new String[] {"omnivault://a/b", "omnivault://a%23b/c#f%25g%23h", "omnivault://x y#z"}) {
            SecretReference reference = SecretReference.parse(text);
            assertEquals(reference, SecretReference.parse(reference.text()), text);
        }
        assertEquals(
                "omnivault://x%20y#z",
                SecretReference.parse("omnivault://x y#z").text());
    }

    @Test
    void whatIsNotAReference_isInvalidInput() {
        for (String bad : new String[] {
            "app/db",
            "omnivault:/app",
            "omnivault://",
            "omnivault://a#",
            "omnivault://a%2",
            "omnivault://a%zz",
            "omnivault://%ff"
        }) {
            assertThrows(InvalidInputException.class, () -> SecretReference.parse(bad), bad);
        }
    }
}
