package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final SecretPath PATH = SecretPath.of("database/credentials");

    private static Secret sample() {
        return Secret.create(
                PATH,
                SecretValue.ofText("primary"),
                Map.of("username", SecretValue.ofText("app"), "password", SecretValue.ofText("hunter2-long")),
                Map.of("team", "core", "env", "production"),
                T0);
    }

    @Test
    void create_setsBothInstantsToNow_andSortsFieldsAndTags() {
        Secret secret = sample();
        assertEquals(T0, secret.createdAt());
        assertEquals(T0, secret.updatedAt());
        assertEquals(
                List.of("password", "username"), List.copyOf(secret.fields().keySet()));
        assertEquals(List.of("env", "team"), List.copyOf(secret.tags().keySet()));
        assertEquals("primary", secret.value().revealText());
        assertEquals(PATH, secret.path());
    }

    @Test
    void overwrite_keepsCreatedAt_andReplacesContent() {
        Secret later = sample().overwrite(SecretValue.ofText("second"), Map.of(), Map.of(), T0.plusSeconds(60));
        assertEquals(T0, later.createdAt());
        assertEquals(T0.plusSeconds(60), later.updatedAt());
        assertEquals("second", later.value().revealText());
        assertTrue(later.fields().isEmpty());
        assertTrue(later.tags().isEmpty());
    }

    @Test
    void overwrite_withAClockThatWentBack_neverMakesUpdatedBeforeCreated() {
        Secret later = sample().overwrite(SecretValue.ofText("x"), Map.of(), Map.of(), T0.minusSeconds(5));
        assertEquals(T0, later.updatedAt());
    }

    @Test
    void restore_refusesUpdatedBeforeCreated() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Secret.restore(PATH, SecretValue.empty(), Map.of(), Map.of(), T0, T0.minusSeconds(1)));
        Secret restored =
                Secret.restore(PATH, SecretValue.empty(), Map.of(), Map.of(), T0, T0.plus(Duration.ofDays(1)));
        assertEquals(T0.plus(Duration.ofDays(1)), restored.updatedAt());
    }

    @Test
    void summary_saysWhatIsThereWithoutValues() {
        assertEquals(new SecretSummary(PATH, true, true, List.of("env", "team"), T0), sample().summary());
        Secret bare = Secret.create(PATH, SecretValue.empty(), Map.of(), Map.of(), T0);
        assertEquals(new SecretSummary(PATH, false, false, List.of(), T0), bare.summary());
    }

    @Test
    void toString_printsNoValue() {
        String text = sample().toString();
        assertFalse(text.contains("primary"), text);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("app,"), text);
        assertTrue(text.contains("database/credentials"), text);
        assertTrue(text.contains("***"), text);
    }

    @Test
    void close_zeroesValueAndFields() {
        Secret secret = sample();
        SecretValue password = secret.fields().get("password");
        secret.close();
        assertArrayEquals(new byte[7], secret.value().revealBytes());
        assertArrayEquals(new byte["hunter2-long".length()], password.revealBytes());
    }

    @Test
    void copy_isIndependentOfTheOriginal() {
        Secret original = sample();
        Secret copy = original.copy();
        copy.close();
        assertEquals("primary", original.value().revealText());
        assertEquals("hunter2-long", original.fields().get("password").revealText());
        assertEquals(original.createdAt(), copy.createdAt());
        assertEquals(original.tags(), copy.tags());
        Secret second = original.copy();
        assertEquals(original.fields().keySet(), second.fields().keySet());
        assertEquals("hunter2-long", second.fields().get("password").revealText());
    }

    @Test
    void fieldAndTagNames_areChecked() {
        assertThrows(
                InvalidInputException.class,
                () -> Secret.create(PATH, SecretValue.empty(), Map.of(" ", SecretValue.empty()), Map.of(), T0));
        assertThrows(
                InvalidInputException.class,
                () -> Secret.create(PATH, SecretValue.empty(), Map.of(), Map.of("a\tb", ""), T0));
        String longest = "n".repeat(Secret.MAX_NAME_LENGTH);
        Secret ok = Secret.create(PATH, SecretValue.empty(), Map.of(), Map.of(longest, "v"), T0);
        assertEquals(1, ok.tags().size());
        var tooLong = assertThrows(
                InvalidInputException.class,
                () -> Secret.create(PATH, SecretValue.empty(), Map.of(), Map.of(longest + "n", "v"), T0));
        assertEquals("tag name is longer than 256 characters", tooLong.getMessage());
        assertEquals(
                "field name is empty",
                assertThrows(
                                InvalidInputException.class,
                                () -> Secret.create(
                                        PATH, SecretValue.empty(), Map.of("", SecretValue.empty()), Map.of(), T0))
                        .getMessage());
        assertEquals(
                "tag name contains a control character",
                assertThrows(
                                InvalidInputException.class,
                                () -> Secret.create(PATH, SecretValue.empty(), Map.of(), Map.of("a\u0007", ""), T0))
                        .getMessage());
    }

    @Test
    void fieldsAndTags_cannotBeChangedFromOutside() {
        Secret secret = sample();
        assertThrows(UnsupportedOperationException.class, () -> secret.tags().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> secret.fields().clear());
    }

    @Test
    void unicodeValue_roundTripsAsUtf8() {
        String text = "Grüße, 世界 — ✓";
        Secret secret = Secret.create(PATH, SecretValue.ofText(text), Map.of(), Map.of(), T0);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), secret.value().revealBytes());
    }
}
