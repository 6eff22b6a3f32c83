import org.jspecify.annotations.NullMarked;

/**
 * The sealing layer: every piece of vault cryptography (Argon2id from Bouncy Castle, AES-256-GCM and
 * HKDF/HMAC from the JDK, keys in locked memory), shared by the store adapters, which keep only
 * bytes they cannot read.
 */
@NullMarked
@SuppressWarnings("module") // its readers are not on the path when this module compiles
module dev.omnivault.adapter.seal {
    requires dev.omnivault.application;
    requires org.bouncycastle.provider;
    requires tools.jackson.databind;
    requires static org.jspecify;

    exports dev.omnivault.adapter.seal to
            dev.omnivault.adapter.storage,
            dev.omnivault.adapter.storage.postgresql,
            dev.omnivault.bootstrap;
}
