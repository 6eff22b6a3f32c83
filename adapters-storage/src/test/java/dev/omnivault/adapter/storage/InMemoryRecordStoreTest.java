package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.testing.RecordStoreContract;

/** The in-memory record store keeps every promise of the record-store contract. */
class InMemoryRecordStoreTest extends RecordStoreContract {

    private InMemoryRecordStore last;

    @Override
    protected RecordStore newStore() {
        last = new InMemoryRecordStore();
        return last;
    }

    @Override
    protected RecordStore reopen() {
        return last; // memory has no restart: the same store is all there is
    }
}
