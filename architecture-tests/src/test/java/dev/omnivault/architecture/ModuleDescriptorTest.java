package dev.omnivault.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JPMS descriptors state the same arrows as the ArchUnit rules, as the JVM will enforce them. */
class ModuleDescriptorTest {

    /** One class of each module, to find its compiled descriptor. */
    private static final Map<String, String> MODULE_TO_CLASS = Map.of(
            "dev.omnivault.domain", "dev.omnivault.domain.Vault",
            "dev.omnivault.application", "dev.omnivault.application.service.VaultKeeper",
            "dev.omnivault.adapter.storage", "dev.omnivault.adapter.storage.InMemoryVaultStore",
            "dev.omnivault.adapter.socket", "dev.omnivault.adapter.socket.HttpError",
            "dev.omnivault.adapter.client", "dev.omnivault.adapter.client.SocketVaultClient",
            "dev.omnivault.adapter.cli", "dev.omnivault.adapter.cli.ExitCode",
            "dev.omnivault.bootstrap.cli", "dev.omnivault.bootstrap.cli.CliMain",
            "dev.omnivault.bootstrap", "dev.omnivault.bootstrap.Main");

    private static final Set<String> ADAPTERS = Set.of(
            "dev.omnivault.adapter.storage",
            "dev.omnivault.adapter.socket",
            "dev.omnivault.adapter.client",
            "dev.omnivault.adapter.cli");

    /** The composition roots: the daemon's program, and the CLI's own. */
    private static final Set<String> BOOTSTRAPS = Set.of("dev.omnivault.bootstrap", "dev.omnivault.bootstrap.cli");

    private static ModuleDescriptor descriptor(String module) {
        try {
            Class<?> anyClass = Class.forName(MODULE_TO_CLASS.get(module));
            Path location = Path.of(
                    anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            return ModuleFinder.of(location).findAll().stream()
                    .map(reference -> reference.descriptor())
                    .filter(found -> found.name().equals(module))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no module-info for " + module + " at " + location));
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError(module, e);
        }
    }

    private static Set<String> requiredModules(ModuleDescriptor descriptor) {
        return descriptor.requires().stream()
                .filter(requires -> !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
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
    @ValueSource(
            strings = {
                "dev.omnivault.adapter.storage",
                "dev.omnivault.adapter.socket",
                "dev.omnivault.adapter.client",
                "dev.omnivault.adapter.cli"
            })
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
                        "dev.omnivault.adapter.client"),
                requiredModules(descriptor("dev.omnivault.bootstrap.cli")));
        // jdk.net: SO_PEERCRED, by which the client checks who answers on the daemon's socket
        assertEquals(
                Set.of("java.base", "dev.omnivault.application", "tools.jackson.core", "jdk.net"),
                requiredModules(descriptor("dev.omnivault.adapter.client")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.omnivault.domain",
                "dev.omnivault.application",
                "dev.omnivault.adapter.storage",
                "dev.omnivault.adapter.socket",
                "dev.omnivault.adapter.client",
                "dev.omnivault.adapter.cli",
                "dev.omnivault.bootstrap.cli",
                "dev.omnivault.bootstrap"
            })
    void everyModule_isClosed_ownsOnlyItsPackageTree_andOnlyBootstrapReadsDagger(String module) {
        ModuleDescriptor descriptor = descriptor(module);
        assertFalse(descriptor.isOpen(), module + " is an open module");
        assertTrue(
                descriptor.packages().stream()
                        .allMatch(pkg -> pkg.equals(module)
                                || pkg.startsWith(module + ".") && !MODULE_TO_CLASS.containsKey(pkg)),
                descriptor.packages().toString());
        boolean readsDagger = requiredModules(descriptor).stream()
                .anyMatch(name -> name.equals("dagger") || name.endsWith(".inject"));
        assertEquals(module.equals("dev.omnivault.bootstrap"), readsDagger, module);
    }
}
