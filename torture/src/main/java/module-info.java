import org.jspecify.annotations.NullMarked;

/**
 * The torture suite: drives the real daemon from outside, over its socket like any client, and
 * prints one table of figures. Not part of the product; it reads nothing of the product's code.
 */
@NullMarked
module dev.omnivault.torture {
    requires tools.jackson.core;
    requires org.bouncycastle.provider; // Argon2, to derive the keys the memory scenario looks for
    requires static org.jspecify;
}
