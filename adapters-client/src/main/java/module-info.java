import org.jspecify.annotations.NullMarked;

/**
 * The client of the daemon API: the use-case ports over HTTP/JSON, on the Unix socket or on
 * loopback TCP with the bearer token. Small on purpose: a CLI call loads this, never the server.
 */
@NullMarked
@SuppressWarnings("module") // the bootstrap modules are not on the path when this module compiles
module dev.omnivault.adapter.client {
    requires dev.omnivault.application;
    requires dev.omnivault.protocol;
    requires jdk.net; // SO_PEERCRED: the user at the other end of the daemon's socket
    requires static org.jspecify;

    exports dev.omnivault.adapter.client to
            dev.omnivault.bootstrap,
            dev.omnivault.bootstrap.cli;
}
