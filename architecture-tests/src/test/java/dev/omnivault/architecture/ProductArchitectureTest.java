package dev.omnivault.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule, over the product's main classes. */
class ProductArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(HexagonLayout.PRODUCT.root());
    }

    static Stream<ArchRule> rules() {
        return HexagonRules.all(HexagonLayout.PRODUCT).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productKeepsTheRule(ArchRule rule) {
        rule.check(product);
    }

    /** Each product module's root package (from the reactor) and the application's three rings. */
    static Stream<String> importedPackages() {
        return Stream.concat(
                Reactor.productModules().stream(),
                Stream.of(
                        HexagonLayout.PRODUCT.portIn(),
                        HexagonLayout.PRODUCT.portOut(),
                        HexagonLayout.PRODUCT.service()));
    }

    /** A rule over nothing passes: make sure every module's classes were really imported. */
    @ParameterizedTest
    @MethodSource("importedPackages")
    void everyModuleWasImported(String pkg) {
        assertTrue(
                product.stream()
                        .anyMatch(type -> type.getPackageName().equals(pkg)
                                || type.getPackageName().startsWith(pkg + ".")),
                pkg);
    }

    @Test
    void noTestSampleLeakedIntoTheProductImport() {
        assertTrue(product.stream().noneMatch(type -> type.getPackageName().contains(".samples.")));
    }
}
