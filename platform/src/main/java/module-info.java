import org.jspecify.annotations.NullMarked;

/**
 * Where a vault's files are on this OS (SPEC §2): the config directory and the files the daemon
 * and the CLI meet at. A neutral home that both composition roots read, so that neither reads
 * the other's code for it; {@code java.base} alone.
 */
@NullMarked
@SuppressWarnings("module") // the bootstraps are not on the path when this module compiles
module dev.omnivault.platform {
    requires static org.jspecify;

    exports dev.omnivault.platform to
            dev.omnivault.bootstrap,
            dev.omnivault.bootstrap.cli;
}
