import org.jspecify.annotations.NullMarked;

/** Vault storage adapters: the encrypted-file store (issue 3) and an in-memory store. */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.storage {
    requires dev.omnivault.application;
    requires static org.jspecify;

    exports dev.omnivault.adapter.storage to
            dev.omnivault.bootstrap;
}
