package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        SealedRecord a = keys.seal(secret("app/a", "va"), 1);
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
        SealedRecord a = keys.seal(secret("app/a", "va"), 1);
        SealedRecord b = keys.seal(secret("app/b", "vb"), 1);
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

    @Test
    void aRecord_saysTheRevisionItWasSealedFor_andARenumberedOne_doesNotOpen() throws Exception {
        SealedRecord a = keys.seal(secret("app/a", "va"), 42);
        try (Secret opened = keys.unseal(a.id(), a.sealed())) {
            assertEquals(42, opened.revision());
        }
        assertEquals(42, VaultKeys.revisionOf(a.sealed()));
        byte[] renumbered = a.sealed();
        renumbered[VaultKeys.RECORD_PREFIX_BYTES - 1] ^= 1; // the revision's last byte: 43
        assertEquals(43, VaultKeys.revisionOf(renumbered));
        assertThrows(DamagedFileException.class, () -> keys.unseal(a.id(), renumbered));
        byte[] otherEpoch = a.sealed();
        otherEpoch[4] ^= 1;
        assertThrows(DamagedFileException.class, () -> keys.unseal(a.id(), otherEpoch));
        assertThrows(IllegalArgumentException.class, () -> keys.seal(secret("app/a", "va"), 0));
    }

    @Test
    void aRecordWhoseStoreKeepsAnotherRevisionBesideIt_isDamage() throws Exception {
        SealedRecord a = keys.seal(secret("app/a", "va"), 42);
        try (var bulk = keys.bulk()) {
            try (Secret same = bulk.unseal(new SealedRecord(a.id(), a.sealed(), 42));
                    Secret untold = bulk.unseal(new SealedRecord(a.id(), a.sealed()))) {
                assertEquals(42, same.revision());
                assertEquals(42, untold.revision());
            }
            var moved = assertThrows(
                    DamagedFileException.class, () -> bulk.unseal(new SealedRecord(a.id(), a.sealed(), 41)));
            assertEquals("record stored at another revision than it was sealed for", moved.getMessage());
        }
    }

    /** Records written before revisions (format 2) still open, at revision 1, whichever byte their nonce begins with. */
    @Test
    void aRecordOfFormat2_opensAtRevisionOne() throws Exception {
        byte[] id = keys.recordId(SecretPath.of("app/old"));
        byte[] plaintext = RecordCodec.encode(secret("app/old", "from before"));
        byte[] aad = java.nio.ByteBuffer.allocate(
                        VaultKeys.RECORD_AAD_PREFIX.length + keys.vaultId().length + id.length)
                .put(VaultKeys.RECORD_AAD_PREFIX)
                .put(keys.vaultId())
                .put(id)
                .array();
        boolean sawFormatByte = false;
        for (int tries = 0; tries < 4000 && !sawFormatByte; tries++) {
            byte[] sealed;
            try (var key = keys.recordKey()) {
                sealed = Crypto.seal(key.bytes(), aad, plaintext);
            }
            sawFormatByte = sealed[0] == VaultKeys.FORMAT_3;
            try (Secret opened = keys.unseal(id, sealed)) {
                assertEquals("from before", opened.value().revealText());
                assertEquals(VaultKeys.FORMAT_2_REVISION, opened.revision());
            }
        }
        assertTrue(sawFormatByte, "a nonce beginning with the format byte was tried");
    }
}
