package dev.omnivault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @Test
    void format_isGosRoundedToSeconds() {
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("45s", GoDuration.format(Duration.ofSeconds(45)));
        assertEquals("1m0s", GoDuration.format(Duration.ofSeconds(60)));
        assertEquals("2m5s", GoDuration.format(Duration.ofMillis(124_600)));
        assertEquals("1h2m3s", GoDuration.format(Duration.ofSeconds(3723)));
        assertEquals("26h0m0s", GoDuration.format(Duration.ofHours(26)));
    }

    @Test
    void parse_readsGosUnits() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("90s"));
        assertEquals(Duration.ofMinutes(15), GoDuration.parse("15m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1s500ms"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ZERO, GoDuration.parse("0s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "m", "15 m", "1h 30m", "-5s", "1d", "abc", "15m!"})
    void parse_refusesAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }
}
