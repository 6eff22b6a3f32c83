import org.jspecify.annotations.NullMarked;

/**
 * Vault storage adapters: the encrypted-file store (its files, journal, migration and index; every
 * piece of cryptography is the sealing layer's) and an in-memory store.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.storage {
    requires dev.omnivault.application;
    requires dev.omnivault.adapter.seal;
    requires static org.jspecify;

    exports dev.omnivault.adapter.storage to
            dev.omnivault.bootstrap;
}
