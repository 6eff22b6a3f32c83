package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.testing.VaultStoreContract;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted-file store keeps every promise of the store contract. */
class EncryptedFileVaultStoreTest extends VaultStoreContract {

    @TempDir
    Path dir;

    @Override
    protected VaultStore newStore() {
        return new EncryptedFileVaultStore(
                dir.resolve("vault"), Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }
}
