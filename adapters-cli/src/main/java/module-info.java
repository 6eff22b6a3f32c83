import org.jspecify.annotations.NullMarked;

/** The omnivault command line: picocli commands, prompts and exit codes, driving the use-case ports. */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.cli {
    requires dev.omnivault.application;
    requires info.picocli;
    requires tools.jackson.core;
    requires static org.jspecify;

    exports dev.omnivault.adapter.cli to
            dev.omnivault.bootstrap,
            dev.omnivault.bootstrap.cli;

    // picocli reads the command classes' annotations and sets their fields reflectively.
    opens dev.omnivault.adapter.cli to
            info.picocli;
}
