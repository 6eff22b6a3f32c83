import org.jspecify.annotations.NullMarked;

/**
 * The use cases of OmniVault behind driving ports ({@code port.in}) and the driven ports they need
 * ({@code port.out}). The services are exported to bootstrap alone, so adapters reach them only
 * through the port interfaces.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.application {
    requires transitive dev.omnivault.domain;
    requires static org.jspecify;

    exports dev.omnivault.application.port.in;
    exports dev.omnivault.application.port.out;
    exports dev.omnivault.application.service to
            dev.omnivault.bootstrap;
}
