package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void aSecret_roundTripsThroughItsRecord_exactly() throws DamagedFileException {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Secret original = Secret.restore(
                SecretPath.of("unicode/greeting"),
                SecretValue.ofUtf8(binary),
                Map.of("multi", SecretValue.ofText("line one\nline two"), "empty", SecretValue.empty()),
                Map.of("production", "", "owner", "Zoë ✓"),
                Instant.parse("2025-06-01T09:35:00.123456789Z"),
                Instant.parse("2025-06-02T10:00:00Z"));

        Secret decoded = RecordCodec.decode(RecordCodec.encode(original), 7);

        assertEquals(original.path(), decoded.path());
        assertArrayEquals(binary, decoded.value().revealBytes());
        assertEquals("line one\nline two", decoded.fields().get("multi").revealText());
        assertEquals("", decoded.fields().get("empty").revealText());
        assertEquals(original.tags(), decoded.tags());
        assertEquals(original.createdAt(), decoded.createdAt());
        assertEquals(original.updatedAt(), decoded.updatedAt());
    }

    @Test
    void aTruncatedOrExtendedRecord_isRefused() {
        byte[] encoded = RecordCodec.encode(Secret.create(
                SecretPath.of("a/b"), SecretValue.ofText("v"), Map.of(), Map.of("t", "x"), Instant.EPOCH));
        for (int keep = 0; keep < encoded.length; keep++) {
            byte[] truncated = Arrays.copyOf(encoded, keep);
            assertThrows(DamagedFileException.class, () -> RecordCodec.decode(truncated, 1), "kept " + keep);
        }
        assertThrows(
                DamagedFileException.class, () -> RecordCodec.decode(Arrays.copyOf(encoded, encoded.length + 1), 1));
    }

    @Test
    void aRecordWithAnInvalidPath_isRefused() {
        byte[] encoded = RecordCodec.encode(
                Secret.create(SecretPath.of("a/b"), SecretValue.ofText("v"), Map.of(), Map.of(), Instant.EPOCH));
        encoded[4] = '/'; // after the 2-byte length, "a/b" becomes "a//": an empty segment
        assertThrows(DamagedFileException.class, () -> RecordCodec.decode(encoded, 1));
    }
}
