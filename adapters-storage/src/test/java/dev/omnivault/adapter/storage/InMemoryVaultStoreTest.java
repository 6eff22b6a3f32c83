package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.testing.VaultStoreContract;
import java.util.Optional;

class InMemoryVaultStoreTest extends VaultStoreContract {

    @Override
    protected VaultStore newStore() {
        return new InMemoryVaultStore();
    }

    /** Nothing in memory fails as a disk or a server does: the contract's failure cases are skipped here. */
    @Override
    protected Optional<Faults> faults() {
        return Optional.empty();
    }
}
