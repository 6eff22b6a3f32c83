import org.jspecify.annotations.NullMarked;

/**
 * The daemon's wire, written once and read by both ends (the daemon's HTTP side, the CLI's client,
 * and the CLI's {@code --json} and {@code import}): the request and answer bodies of SPEC §3 and
 * their JSON codec, which keeps passwords and values in {@code char[]}/{@code byte[]} that are
 * zeroed, the API's error codes, and the daemon's proof that it holds the token. A library, not an
 * adapter: it reads the application's types and Jackson's streaming core, nothing of a server.
 */
@NullMarked
module dev.omnivault.protocol {
    requires transitive dev.omnivault.application;
    requires tools.jackson.core;
    requires static org.jspecify;

    exports dev.omnivault.protocol;
}
