import org.jspecify.annotations.NullMarked;

/** Architecture checks over every module of the reactor; the checks themselves are its tests. */
@NullMarked
module dev.omnivault.architecture {
    requires dev.omnivault.bootstrap;
    requires static org.jspecify;
}
