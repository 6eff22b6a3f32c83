import org.jspecify.annotations.NullMarked;

/** Wires the use cases to the adapters with Dagger, and holds {@code main}. The only module that knows Dagger. */
@NullMarked
module dev.omnivault.bootstrap {
    requires dev.omnivault.application;
    requires dev.omnivault.adapter.seal;
    requires dev.omnivault.adapter.storage;
    requires dev.omnivault.adapter.storage.postgresql;
    requires dev.omnivault.adapter.socket;
    requires dev.omnivault.adapter.cli;
    requires dev.omnivault.adapter.client;
    requires dev.omnivault.bootstrap.cli;
    requires dev.omnivault.platform;
    requires dagger;
    requires jakarta.inject;
    requires org.slf4j;
    requires jdk.management; // HotSpotDiagnosticMXBean: whether attach is really closed
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM/SIGINT end the daemon with exit code 0
    requires static java.compiler; // Dagger's generated code carries @Generated
    requires static org.jspecify;
}
