import org.jspecify.annotations.NullMarked;

/** The omnivault command line (issue 5): commands, prompts and exit codes. */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.cli {
    requires dev.omnivault.application;
    requires static org.jspecify;

    exports dev.omnivault.adapter.cli to
            dev.omnivault.bootstrap;
}
