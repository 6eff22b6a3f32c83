package dev.omnivault.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.omnivault.architecture.HexagonLayout.tree;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The named rules that keep the dependency arrows pointing inward. */
final class HexagonRules {

    /** Libraries that must never reach the domain (or anything but their own adapter). */
    static final String[] FRAMEWORKS = {
        "tools.jackson..",
        "com.fasterxml.jackson..",
        "dagger..",
        "javax.inject..",
        "jakarta.inject..",
        "org.newsclub..",
        "org.bouncycastle..",
        "picocli..",
        "org.eclipse.jetty.."
    };

    static final List<String> REVEALING_METHODS = List.of("revealBytes", "revealText", "revealUtf8", "revealChars");

    private HexagonRules() {}

    static ArchRule domainDependsOnJavaAlone(HexagonLayout layout) {
        return classes()
                .that()
                .resideInAPackage(tree(layout.domain()))
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(tree(layout.domain()), "java..", "org.jspecify..")
                .as("the domain depends on nothing but itself and the JDK");
    }

    static ArchRule domainIsFreeOfFrameworks(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideInAPackage(tree(layout.domain()))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .as(
                        "the domain uses no framework (Jackson, Dagger, inject, junixsocket, Bouncy Castle, picocli, Jetty)");
    }

    static ArchRule applicationDependsOnDomainAlone(HexagonLayout layout) {
        return classes()
                .that()
                .resideInAPackage(tree(layout.application()))
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(tree(layout.application()), tree(layout.domain()), "java..", "org.jspecify..")
                .as("the application depends on the domain and the JDK alone");
    }

    static ArchRule adaptersDoNotDependOnEachOther(HexagonLayout layout) {
        return slices().matching(layout.adapters() + ".(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(
                        DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage(tree(layout.seal())))
                .as("adapters never depend on each other (the sealing layer is a library, not an adapter)");
    }

    static ArchRule onlyStoresAndBootstrapReadTheSeal(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideOutsideOfPackages(tree(layout.seal()), tree(layout.stores()), tree(layout.bootstrap()))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(tree(layout.seal()))
                .as("only the store adapters and bootstrap read the sealing layer");
    }

    static ArchRule storesHoldNoCryptography(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideInAPackage(tree(layout.stores()))
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "javax.crypto..", "org.bouncycastle..", "java.lang.foreign..")
                        .or(JavaClass.Predicates.simpleName("Crypto")))
                .as("a store adapter holds no cipher, key derivation or native memory: the sealing layer does");
    }

    static ArchRule adaptersUsePortsNotServices(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideInAPackage(tree(layout.adapters()))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(tree(layout.service()))
                .as("adapters reach the use cases through their ports, never through the services");
    }

    static ArchRule nothingDependsOnBootstrap(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(tree(layout.bootstrap()))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(tree(layout.bootstrap()))
                .as("nothing depends on bootstrap");
    }

    static ArchRule onlyBootstrapKnowsDagger(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(tree(layout.bootstrap()))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..")
                .as("only bootstrap knows Dagger and inject annotations");
    }

    static ArchRule cryptographyLibraryOnlyInTheSeal(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(tree(layout.seal()))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bouncycastle..")
                .as("only the sealing layer uses Bouncy Castle");
    }

    static ArchRule noCycles(HexagonLayout layout) {
        return slices().matching(layout.root() + ".(**)")
                .should()
                .beFreeOfCycles()
                .as("no package cycles");
    }

    static ArchRule useCasesAreNamedUseCase(HexagonLayout layout) {
        return classes()
                .that()
                .resideInAPackage(layout.portIn())
                .and()
                .areInterfaces()
                .and()
                .areTopLevelClasses()
                .should()
                .haveSimpleNameEndingWith("UseCase")
                .orShould()
                .haveSimpleNameEndingWith("Result")
                .as("interfaces of port.in are use cases (…UseCase) or their sealed results (…Result)");
    }

    static ArchRule servicesImplementUseCasesAndAreNamedService(HexagonLayout layout) {
        return classes()
                .that()
                .resideInAPackage(layout.service())
                .and(implementAUseCase(layout))
                .should()
                .haveSimpleNameEndingWith("Service")
                .andShould()
                .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .as("use-case implementations are final classes named …Service");
    }

    static ArchRule drivenPortsNameACapability(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideInAPackage(layout.portOut())
                .should()
                .haveSimpleNameEndingWith("Port")
                .orShould()
                .haveSimpleNameEndingWith("Adapter")
                .orShould()
                .haveSimpleNameEndingWith("Impl")
                .as("driven ports name a capability: no …Port, …Adapter or …Impl suffix");
    }

    static ArchRule drivenPortsAreImplementedInAdapters(HexagonLayout layout) {
        return classes()
                .that(implementADrivenPort(layout))
                .and()
                .areNotInterfaces()
                .and()
                .resideOutsideOfPackage(layout.portOut())
                .should()
                .resideInAnyPackage(tree(layout.adapters()), tree(layout.bootstrap()))
                .as("driven ports are implemented by adapters (or bootstrap), never by the application or domain;"
                        + " only the port's own value types live beside it");
    }

    static ArchRule applicationNeverRevealsSecrets(HexagonLayout layout) {
        return noClasses()
                .that()
                .resideInAPackage(tree(layout.application()))
                .should()
                .callMethodWhere(describe(
                        "a secret is revealed",
                        call -> REVEALING_METHODS.contains(call.getTarget().getName())
                                && call.getTargetOwner().getPackageName().startsWith(layout.domain())))
                .as("the application never reveals a secret or passphrase: only the edges (storage, socket, CLI) may");
    }

    static List<ArchRule> all(HexagonLayout layout) {
        return List.of(
                domainDependsOnJavaAlone(layout),
                domainIsFreeOfFrameworks(layout),
                applicationDependsOnDomainAlone(layout),
                adaptersDoNotDependOnEachOther(layout),
                adaptersUsePortsNotServices(layout),
                nothingDependsOnBootstrap(layout),
                onlyBootstrapKnowsDagger(layout),
                onlyStoresAndBootstrapReadTheSeal(layout),
                storesHoldNoCryptography(layout),
                cryptographyLibraryOnlyInTheSeal(layout),
                noCycles(layout),
                useCasesAreNamedUseCase(layout),
                servicesImplementUseCasesAndAreNamedService(layout),
                drivenPortsNameACapability(layout),
                drivenPortsAreImplementedInAdapters(layout),
                applicationNeverRevealsSecrets(layout));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> implementAUseCase(HexagonLayout layout) {
        return describe(
                "implement a use case",
                type -> type.getAllRawInterfaces().stream()
                        .anyMatch(face -> face.getPackageName().equals(layout.portIn())
                                && face.getSimpleName().endsWith("UseCase")));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> implementADrivenPort(HexagonLayout layout) {
        return describe(
                "implement a driven port",
                type -> type.getAllRawInterfaces().stream()
                        .anyMatch(face -> face.getPackageName().equals(layout.portOut())));
    }
}
