import org.jspecify.annotations.NullMarked;

/**
 * The daemon's wire, written once and read by both ends (the daemon's HTTP side and the CLI's
 * client): the API's error codes and the daemon's proof that it holds the token. A library, not an
 * adapter; it reads {@code java.base} alone, so the CLI's small module path stays small.
 */
@NullMarked
module dev.omnivault.protocol {
    requires static org.jspecify;

    exports dev.omnivault.protocol;
}
