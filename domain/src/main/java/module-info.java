import org.jspecify.annotations.NullMarked;

/** The pure model of OmniVault: vault lock state, the auto-lock rule, secret paths and secrets. */
@NullMarked
module dev.omnivault.domain {
    requires static org.jspecify;

    exports dev.omnivault.domain;
}
