package dev.omnivault.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule run against a hexagon that breaks it on purpose must report the offending class; run
 * against a hexagon that keeps every rule, it must report nothing.
 */
class RulesBiteTest {

    private static final HexagonLayout BAD = new HexagonLayout("dev.omnivault.architecture.samples.bad");
    private static final HexagonLayout GOOD = new HexagonLayout("dev.omnivault.architecture.samples.good");

    private static JavaClasses bad;
    private static JavaClasses good;

    @BeforeAll
    static void importSamples() {
        bad = new ClassFileImporter().importPackages(BAD.root());
        good = new ClassFileImporter().importPackages(GOOD.root());
    }

    static Stream<Arguments> rulesAndTheirOffenders() {
        return Stream.of(
                rule("domainDependsOnJavaAlone", HexagonRules::domainDependsOnJavaAlone, "BadDomainEntity"),
                rule("domainIsFreeOfFrameworks", HexagonRules::domainIsFreeOfFrameworks, "jakarta.inject.Inject"),
                rule("applicationDependsOnDomainAlone", HexagonRules::applicationDependsOnDomainAlone, "OneAdapter"),
                rule("adaptersDoNotDependOnEachOther", HexagonRules::adaptersDoNotDependOnEachOther, "TwoAdapter"),
                rule("adaptersUsePortsNotServices", HexagonRules::adaptersUsePortsNotServices, "StoreImpl"),
                rule("nothingDependsOnBootstrap", HexagonRules::nothingDependsOnBootstrap, "SampleWiring"),
                rule("onlyBootstrapKnowsDagger", HexagonRules::onlyBootstrapKnowsDagger, "BadDomainEntity"),
                rule(
                        "cryptographyLibraryOnlyInTheSeal",
                        HexagonRules::cryptographyLibraryOnlyInTheSeal,
                        "org.bouncycastle.crypto.digests.SHA256Digest"),
                rule(
                        "onlyStoresAndBootstrapReadTheSeal",
                        HexagonRules::onlyStoresAndBootstrapReadTheSeal,
                        "SealReader"),
                rule("storesHoldNoCryptography", HexagonRules::storesHoldNoCryptography, "javax.crypto.Cipher"),
                rule("noCycles", HexagonRules::noCycles, "Cycle detected"),
                rule("useCasesAreNamedUseCase", HexagonRules::useCasesAreNamedUseCase, "port.in.Lookup"),
                rule(
                        "servicesImplementUseCasesAndAreNamedService",
                        HexagonRules::servicesImplementUseCasesAndAreNamedService,
                        "LookupServiceImpl"),
                rule("drivenPortsNameACapability", HexagonRules::drivenPortsNameACapability, "StoragePort"),
                rule(
                        "drivenPortsAreImplementedInAdapters",
                        HexagonRules::drivenPortsAreImplementedInAdapters,
                        "StoreImpl"),
                rule(
                        "applicationNeverRevealsSecrets",
                        HexagonRules::applicationNeverRevealsSecrets,
                        "SampleValue.revealText()"));
    }

    private static Arguments rule(String name, Function<HexagonLayout, ArchRule> rule, String offender) {
        return Arguments.of(name, rule, offender);
    }

    @ParameterizedTest(name = "{0} reports {2}")
    @MethodSource("rulesAndTheirOffenders")
    void ruleReportsTheDeliberateViolation(String name, Function<HexagonLayout, ArchRule> rule, String offender) {
        EvaluationResult result = rule.apply(BAD).evaluate(bad);
        assertTrue(result.hasViolation(), name + " found nothing in the broken sample");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(offender), name + " did not name " + offender + ":\n" + report);
    }

    @ParameterizedTest(name = "{0} passes a clean hexagon")
    @MethodSource("rulesAndTheirOffenders")
    void ruleAcceptsACleanHexagon(String name, Function<HexagonLayout, ArchRule> rule, String offender) {
        EvaluationResult result = rule.apply(GOOD).evaluate(good);
        assertFalse(result.hasViolation(), name + ":\n" + result.getFailureReport());
    }

    @ParameterizedTest(name = "{0} is in the product's rule list")
    @MethodSource("rulesAndTheirOffenders")
    void everyBittenRuleIsCheckedOnTheProduct(String name, Function<HexagonLayout, ArchRule> rule, String offender) {
        String description = rule.apply(HexagonLayout.PRODUCT).getDescription();
        assertTrue(
                HexagonRules.all(HexagonLayout.PRODUCT).stream()
                        .anyMatch(checked -> checked.getDescription().equals(description)),
                name);
    }
}
