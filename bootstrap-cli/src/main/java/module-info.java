import org.jspecify.annotations.NullMarked;

/**
 * The CLI's composition root and {@code main}: the CLI adapter wired to the daemon client, at the
 * places the platform module names. No Dagger, no daemon.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.bootstrap.cli {
    requires dev.omnivault.application;
    requires dev.omnivault.adapter.cli;
    requires dev.omnivault.adapter.client;
    requires dev.omnivault.platform;
    requires static org.jspecify;

    exports dev.omnivault.bootstrap.cli to
            dev.omnivault.bootstrap;
}
