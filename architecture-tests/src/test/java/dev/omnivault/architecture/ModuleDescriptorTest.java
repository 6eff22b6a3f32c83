package dev.omnivault.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JPMS descriptors state the same arrows as the ArchUnit rules, as the JVM will enforce them. */
class ModuleDescriptorTest {

    /** Every compiled module descriptor on this test's path, by name. */
    private static final Map<String, ModuleDescriptor> COMPILED = compiledDescriptors();

    /** The sealing layer: a library of the store adapters, not an adapter of its own. */
    private static final String SEAL = "dev.omnivault.adapter.seal";
    /** The file store; the other store adapters are modules below its name. */
    private static final String STORES = "dev.omnivault.adapter.storage";

    /** The wire's library, read by both ends. */
    private static final String PROTOCOL = "dev.omnivault.protocol";

    private static final Set<String> ADAPTERS = Set.copyOf(adapterModules());

    /** The composition roots: the daemon's program, and the CLI's own. */
    private static final Set<String> BOOTSTRAPS = Set.of("dev.omnivault.bootstrap", "dev.omnivault.bootstrap.cli");

    static List<String> productModules() {
        return Reactor.productModules();
    }

    static List<String> adapterModules() {
        return Reactor.adapterModules().stream()
                .filter(module -> !module.equals(SEAL))
                .toList();
    }

    /** The store adapters: every product module under {@code dev.omnivault.adapter.storage}, as the reactor lists them. */
    private static Set<String> stores() {
        return productModules().stream()
                .filter(module -> module.equals(STORES) || module.startsWith(STORES + "."))
                .collect(Collectors.toSet());
    }

    @Test
    void theSealingLayer_isReadByTheStoresAndTheDaemonAlone_andIsTheOnlyOneWithBouncyCastle() {
        ModuleDescriptor seal = descriptor(SEAL);
        Set<String> readers = new TreeSet<>(stores());
        readers.add("dev.omnivault.bootstrap");
        assertTrue(readers.size() >= 3, "the file store, the PostgreSQL store and bootstrap: " + readers);
        assertEquals(
                Set.of(readers),
                seal.exports().stream()
                        .map(exports -> (Set<String>) new TreeSet<>(exports.targets()))
                        .collect(Collectors.toSet()));
        assertTrue(requiredModules(seal).contains("org.bouncycastle.provider"));
        for (String module : productModules()) {
            Set<String> required = requiredModules(descriptor(module));
            assertEquals(readers.contains(module), required.contains(SEAL), module + " reads " + required);
            if (!module.equals(SEAL)) {
                assertFalse(required.contains("org.bouncycastle.provider"), module + " reads Bouncy Castle");
            }
        }
        assertEquals(
                Set.of("java.base", "dev.omnivault.application", SEAL),
                requiredModules(descriptor(STORES)),
                "the file store reads the application and the seal alone");
        assertEquals(
                Set.of(
                        "java.base",
                        "dev.omnivault.application",
                        SEAL,
                        "java.sql",
                        "org.postgresql.jdbc",
                        "com.zaxxer.hikari"),
                requiredModules(descriptor(STORES + ".postgresql")),
                "the PostgreSQL store reads the seal, JDBC, its driver and its pool: no cryptography");
    }

    private static Map<String, ModuleDescriptor> compiledDescriptors() {
        Path[] entries = Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(Files::exists)
                .toArray(Path[]::new);
        var found = new TreeMap<String, ModuleDescriptor>();
        for (Path entry : entries) {
            try {
                ModuleFinder.of(entry)
                        .findAll()
                        .forEach(reference ->
                                found.putIfAbsent(reference.descriptor().name(), reference.descriptor()));
            } catch (FindException notAModule) {
                // a library jar the finder cannot read as a module is none of ours
            }
        }
        return found;
    }

    private static ModuleDescriptor descriptor(String module) {
        ModuleDescriptor descriptor = COMPILED.get(module);
        if (descriptor == null) {
            throw new AssertionError("no compiled module-info for " + module
                    + " on the path: add its module as a dependency of architecture-tests");
        }
        return descriptor;
    }

    /** A module the reactor builds cannot be left out of these checks. */
    @ParameterizedTest
    @MethodSource("productModules")
    void everyReactorModule_hasItsCompiledDescriptorHere(String module) {
        assertEquals(module, descriptor(module).name());
    }

    private static Set<String> requiredModules(ModuleDescriptor descriptor) {
        return descriptor.requires().stream()
                .filter(requires -> !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The wire, written once: a library of the application's types and Jackson's streaming core
     * (no server, no store, no cryptography), read by the two ends (the daemon's HTTP side, the
     * client) and the CLI (its --json and import) and no one else.
     */
    @Test
    void theProtocol_readsTheApplicationAndJacksonCoreAlone_andIsReadByTheTwoEndsAndTheCliAlone() {
        ModuleDescriptor protocol = descriptor(PROTOCOL);
        assertEquals(Set.of("java.base", "dev.omnivault.application", "tools.jackson.core"), requiredModules(protocol));
        assertFalse(protocol.isOpen());
        for (String module : productModules()) {
            boolean reads = requiredModules(descriptor(module)).contains(PROTOCOL);
            assertEquals(
                    Set.of("dev.omnivault.adapter.socket", "dev.omnivault.adapter.client", "dev.omnivault.adapter.cli")
                            .contains(module),
                    reads,
                    module);
        }
    }

    /** Where the files are: a neutral home of java.base alone, read by the two composition roots and no one else. */
    @Test
    void thePlatform_readsJavaBaseAlone_andIsReadByTheTwoBootstrapsAlone() {
        assertEquals(Set.of("java.base"), requiredModules(descriptor("dev.omnivault.platform")));
        for (String module : productModules()) {
            assertEquals(
                    BOOTSTRAPS.contains(module),
                    requiredModules(descriptor(module)).contains("dev.omnivault.platform"),
                    module);
        }
    }

    @Test
    void domain_readsJavaBaseAlone() {
        assertEquals(Set.of("java.base"), requiredModules(descriptor("dev.omnivault.domain")));
    }

    @Test
    void application_requiresTheDomainTransitively_andExportsServicesToBootstrapAlone() {
        ModuleDescriptor application = descriptor("dev.omnivault.application");
        assertEquals(Set.of("java.base", "dev.omnivault.domain"), requiredModules(application));
        assertTrue(application.requires().stream()
                .anyMatch(r -> r.name().equals("dev.omnivault.domain")
                        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
        Map<String, Set<String>> exports = application.exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertEquals(
                Map.of(
                        "dev.omnivault.application.port.in", Set.of(),
                        "dev.omnivault.application.port.out", Set.of(),
                        "dev.omnivault.application.service", Set.of("dev.omnivault.bootstrap")),
                exports);
    }

    @ParameterizedTest
    @MethodSource("adapterModules")
    void adapters_requireTheApplication_neverAnotherAdapter_andExportToTheBootstrapsAlone(String adapter) {
        ModuleDescriptor descriptor = descriptor(adapter);
        Set<String> required = requiredModules(descriptor);
        assertTrue(required.contains("dev.omnivault.application"), required.toString());
        assertTrue(required.stream().noneMatch(ADAPTERS::contains), required.toString());
        assertTrue(
                descriptor.exports().stream()
                        .allMatch(e -> !e.targets().isEmpty() && BOOTSTRAPS.containsAll(e.targets())),
                descriptor.exports().toString());
    }

    /** What keeps a CLI call fast: its module graph holds no server, no storage, no crypto, no Dagger. */
    @Test
    void theCliBootstrap_readsOnlyTheCliTheClientAndTheApplication() {
        assertEquals(
                Set.of(
                        "java.base",
                        "dev.omnivault.application",
                        "dev.omnivault.adapter.cli",
                        "dev.omnivault.adapter.client",
                        "dev.omnivault.platform"),
                requiredModules(descriptor("dev.omnivault.bootstrap.cli")));
        // jdk.net: SO_PEERCRED, by which the client checks who answers on the daemon's socket
        assertEquals(
                Set.of("java.base", "dev.omnivault.application", "dev.omnivault.protocol", "jdk.net"),
                requiredModules(descriptor("dev.omnivault.adapter.client")));
    }

    @ParameterizedTest
    @MethodSource("productModules")
    void everyModule_isClosed_ownsOnlyItsPackageTree_andOnlyBootstrapReadsDagger(String module) {
        ModuleDescriptor descriptor = descriptor(module);
        assertFalse(descriptor.isOpen(), module + " is an open module");
        assertTrue(
                descriptor.packages().stream()
                        .allMatch(pkg ->
                                pkg.equals(module) || pkg.startsWith(module + ".") && !COMPILED.containsKey(pkg)),
                descriptor.packages().toString());
        boolean readsDagger = requiredModules(descriptor).stream()
                .anyMatch(name -> name.equals("dagger") || name.endsWith(".inject"));
        assertEquals(module.equals("dev.omnivault.bootstrap"), readsDagger, module);
    }
}
