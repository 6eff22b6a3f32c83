import org.jspecify.annotations.NullMarked;

/** The omnivault command line: its commands' grammar, prompts and exit codes, driving the use-case ports. */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.cli {
    requires dev.omnivault.application;
    requires dev.omnivault.protocol;
    requires jdk.unsupported; // sun.misc.Signal: run --mask passes SIGTERM on to its child
    requires static org.jspecify;

    exports dev.omnivault.adapter.cli to
            dev.omnivault.bootstrap,
            dev.omnivault.bootstrap.cli;
}
