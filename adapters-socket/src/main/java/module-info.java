import org.jspecify.annotations.NullMarked;

/** The daemon's HTTP/JSON edge over a Unix socket, and the CLI's client of it (issue 4). */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.socket {
    requires dev.omnivault.application;
    requires static org.jspecify;

    exports dev.omnivault.adapter.socket to
            dev.omnivault.bootstrap;
}
