package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.application.port.out.VaultSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename is a write's commit point: when the directory sync after it fails, the write has
 * happened all the same. It is reported as done, memory follows the disk, and the failed sync is a
 * warning; a later change continues the new files rather than the old ones.
 */
class DirectorySyncFailureTest {

    @TempDir
    Path dir;

    private final AtomicBoolean syncFails = new AtomicBoolean();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private EncryptedFileVaultStore store() {
        return new EncryptedFileVaultStore(
                dir,
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system(),
                new AtomicFileWriter(
                        (temp, content) -> Files.write(temp, content),
                        (file, at, bytes) -> {
                            try (var channel =
                                    java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                                channel.write(java.nio.ByteBuffer.wrap(bytes), at);
                            }
                        },
                        directory -> {
                            if (syncFails.get()) {
                                throw new IOException("Input/output error");
                            }
                        },
                        warnings::add));
    }

    @Test
    void aWholeWriteWhoseDirectorySyncFails_isDone_andTheNextChangesContinueIt() throws IOException {
        var store = store();
        populate(store);
        try (VaultSession session = open(store, PASSWORD).orElseThrow()) {
            syncFails.set(true);
            // a whole write of vault.enc, then a fresh journal header: both renames "fail" to sync
            session.writeAll(List.of(secret("bulk/a", "imported")));
            assertEquals("imported", valueAt(session, "bulk/a"), "memory follows the disk");
            syncFails.set(false);
            session.write(secret("after/it", "appended"));
        }
        assertFalse(warnings.isEmpty(), "the failed sync is reported");
        assertTrue(warnings.get(0).contains("could not be synced after vault.enc was written"), warnings.get(0));
        assertFalse(warnings.get(0).contains("imported"), "no value in a warning");
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(5, reopened.count());
            assertEquals("imported", valueAt(reopened, "bulk/a"));
            assertEquals("appended", valueAt(reopened, "after/it"));
        }
    }
}
