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
import org.junit.jupiter.params.provider.ValueSource;

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

    /** A rule over nothing passes: make sure every module's classes were really imported. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.omnivault.domain",
                "dev.omnivault.application.port.in",
                "dev.omnivault.application.port.out",
                "dev.omnivault.application.service",
                "dev.omnivault.adapter.storage",
                "dev.omnivault.adapter.socket",
                "dev.omnivault.adapter.client",
                "dev.omnivault.adapter.cli",
                "dev.omnivault.bootstrap.cli",
                "dev.omnivault.bootstrap"
            })
    void everyModuleWasImported(String pkg) {
        assertTrue(
                product.containPackage(pkg)
                        && !product.getPackage(pkg).getClasses().isEmpty(),
                pkg);
    }

    @Test
    void noTestSampleLeakedIntoTheProductImport() {
        assertTrue(product.stream().noneMatch(type -> type.getPackageName().contains(".samples.")));
    }
}
