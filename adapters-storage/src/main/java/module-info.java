import org.jspecify.annotations.NullMarked;

/**
 * Vault storage adapters: the encrypted-file store (Argon2id from Bouncy Castle, AES-256-GCM and
 * HKDF/HMAC from the JDK) and an in-memory store.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.storage {
    requires dev.omnivault.application;
    requires org.bouncycastle.provider;
    requires tools.jackson.databind;
    requires static org.jspecify;

    exports dev.omnivault.adapter.storage to
            dev.omnivault.bootstrap;
}
