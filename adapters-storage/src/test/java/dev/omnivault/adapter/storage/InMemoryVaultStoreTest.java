package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.testing.VaultStoreContract;

class InMemoryVaultStoreTest extends VaultStoreContract {

    @Override
    protected VaultStore newStore() {
        return new InMemoryVaultStore();
    }
}
