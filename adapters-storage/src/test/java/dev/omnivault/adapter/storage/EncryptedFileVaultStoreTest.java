package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.testing.VaultStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted-file store keeps every promise of the store contract. */
class EncryptedFileVaultStoreTest extends VaultStoreContract {

    @TempDir
    Path dir;

    /** A disk that is full while this is set: every durable write and append fails before a byte lands. */
    private final AtomicBoolean diskFull = new AtomicBoolean();

    @Override
    protected VaultStore newStore() {
        return new EncryptedFileVaultStore(
                vault(),
                Argon2Settings.INSECURE_FOR_TESTS,
                InstantSource.system(),
                new AtomicFileWriter(this::write, this::append));
    }

    /** A second daemon's store over the same files (the lock of a directory is the daemon's, not the store's). */
    @Override
    protected VaultStore sameVaultElsewhere() {
        return new EncryptedFileVaultStore(vault(), Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }

    @Override
    protected Optional<Faults> faults() {
        return Optional.of(new Faults() {
            @Override
            public void breakWrites() {
                diskFull.set(true);
            }

            @Override
            public void healWrites() {
                diskFull.set(false);
            }

            @Override
            public void damage() {
                try {
                    Path enc = vault().resolve(EncryptedFileVaultStore.ENC_FILE);
                    byte[] bytes = Files.readAllBytes(enc);
                    bytes[bytes.length / 2] ^= 0x01;
                    Files.write(enc, bytes);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            }
        });
    }

    private Path vault() {
        return dir.resolve("vault");
    }

    private void write(Path temp, byte[] content) throws IOException {
        refuseWhenFull();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private void append(Path file, long at, byte[] bytes) throws IOException {
        refuseWhenFull();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(at);
            channel.write(ByteBuffer.wrap(bytes), at);
            channel.force(true);
        }
    }

    private void refuseWhenFull() throws IOException {
        if (diskFull.get()) {
            throw new IOException("No space left on device");
        }
    }
}
