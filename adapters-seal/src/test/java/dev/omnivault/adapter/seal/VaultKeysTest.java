package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sealing and opening records: each way in checks that the record authenticates and is the one asked for. */
class VaultKeysTest {

    private final VaultKeys keys = VaultKeys.derive(Crypto.randomBytes(32), Crypto.randomBytes(16));

    @AfterEach
    void close() {
        keys.close();
    }

    private static Secret secret(String path, String value) {
        return Secret.create(SecretPath.of(path), SecretValue.ofText(value), Map.of(), Map.of(), Instant.EPOCH);
    }

    @Test
    void aSealedRecord_opensByEveryWayIn() throws Exception {
        SealedRecord a = keys.seal(secret("app/a", "va"));
        try (Secret byId = keys.unseal(a.id(), a.sealed());
                Secret byIndex = keys.unseal(a.id(), a.sealed(), SecretPath.of("app/a"));
                Secret found =
                        keys.find(SecretPath.of("app/a"), id -> a.sealed()).orElseThrow()) {
            assertEquals("va", byId.value().revealText());
            assertEquals("va", byIndex.value().revealText());
            assertEquals("va", found.value().revealText());
        }
        assertEquals(Optional.empty(), keys.find(SecretPath.of("app/none"), id -> null));
    }

    @Test
    void aRecordUnderAnotherId_orHoldingAnotherPath_orWithAFlippedByte_isDamage() {
        SealedRecord a = keys.seal(secret("app/a", "va"));
        SealedRecord b = keys.seal(secret("app/b", "vb"));
        // under another id, the associated data differs: it does not authenticate
        assertThrows(DamagedFileException.class, () -> keys.unseal(b.id(), a.sealed()));
        // the right id, asked for as another path (an index that disagrees with the record)
        var other =
                assertThrows(DamagedFileException.class, () -> keys.unseal(a.id(), a.sealed(), SecretPath.of("app/b")));
        assertEquals("record stored under another path's id", other.getMessage());
        byte[] flipped = a.sealed();
        flipped[flipped.length / 2] ^= 1;
        assertThrows(DamagedFileException.class, () -> keys.unseal(a.id(), flipped, SecretPath.of("app/a")));
        assertThrows(DamagedFileException.class, () -> keys.find(SecretPath.of("app/a"), id -> flipped));
    }
}
