package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.bytes;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.omnivault.adapter.seal.Crypto;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault.meta planted to make an unlock cost a gigabyte and minutes (its checksum recomputed, so
 * only the bounds stop it), and a Go vault.meta asking the same: each is reported as damage before
 * any key derivation runs, and left as it was.
 */
class PlantedCostTest {

    @TempDir
    Path dir;

    @Test
    void aFormat3MetaAsking1GiBAnd64Passes_isDamage_notAnAllocation() throws Exception {
        populate(StoreFixture.store(dir));
        Path meta = dir.resolve("vault.meta");
        byte[] planted = bytes(meta);
        ByteBuffer.wrap(planted).putInt(35, 64).putInt(39, 1024 * 1024);
        int checksumAt = planted.length - 32;
        System.arraycopy(Crypto.sha256(planted, 0, checksumAt), 0, planted, checksumAt, 32);
        Files.write(meta, planted);
        StoreFixture.assertCorrupted(StoreFixture.store(dir), "vault.meta");
        assertArrayEquals(planted, bytes(meta), "the planted file is left as it was");
    }

    @Test
    void aGoMetaAsking1GiBAnd64Passes_isDamage_notAnAllocation() throws Exception {
        new GoVaultBuilder().secret("a", "1").writeTo(dir, PASSWORD, true);
        Path meta = dir.resolve("vault.meta");
        String planted = Files.readString(meta)
                .replaceFirst("\"time\":\\d+", "\"time\":64")
                .replaceFirst("\"memory\":\\d+", "\"memory\":1048576");
        Files.writeString(meta, planted);
        StoreFixture.assertCorrupted(StoreFixture.store(dir), "vault.meta");
        assertArrayEquals(planted.getBytes(java.nio.charset.StandardCharsets.UTF_8), bytes(meta));
        // and a salt too short for Argon2 settings of any worth
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"salt\":\"[^\"]*\"", "\"salt\":\"AAAA\""));
        StoreFixture.assertCorrupted(StoreFixture.store(dir), "vault.meta");
    }
}
