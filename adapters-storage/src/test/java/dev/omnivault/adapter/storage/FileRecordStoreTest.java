package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.testing.RecordStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file record store keeps every promise of the record-store contract, and a restart (a new
 * store over the same directory) reads back what the last one wrote, at the same revision.
 */
class FileRecordStoreTest extends RecordStoreContract {

    @TempDir
    Path dir;

    private int stores;

    @Override
    protected RecordStore newStore() {
        stores++;
        return reopen();
    }

    @Override
    protected RecordStore reopen() {
        return new FileRecordStore(dir.resolve("vault-" + stores), warning -> {});
    }
}
