package dev.omnivault.adapter.storage.postgresql;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.testing.RecordStoreContract;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The PostgreSQL record store keeps every promise of the record-store contract against a real
 * server; a restart is a new store (a new pool) over the same schema, and a second writer is
 * another store over it, as a daemon on another machine would be.
 */
class PostgresRecordStoreTest extends RecordStoreContract {

    private final PostgresServer server = PostgresServer.shared();
    private final List<RecordStore> opened = new ArrayList<>();
    private String schema;

    @Override
    protected RecordStore newStore() {
        schema = server.newSchema();
        return reopen();
    }

    @Override
    protected RecordStore reopen() {
        var store = PostgresRecordStore.open(server.location(schema));
        opened.add(store);
        return store;
    }

    @AfterEach
    void closePools() {
        opened.forEach(RecordStore::close);
    }
}
