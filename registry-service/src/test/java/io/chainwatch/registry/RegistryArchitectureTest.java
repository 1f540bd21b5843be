package io.chainwatch.registry;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The registry's package layout, kept by a test: no package cycles, no other service's code, controllers at the edge.
 * The rules are described in docs/architecture.md, "Package layout and the rules that keep it".
 */
class RegistryArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.registry");

    /** Each top-level package (a feature, or one external system) is a unit; units depend on each other one way. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.chainwatch.registry.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Services share only the wire format (chainwatch-events) and chainwatch-security, never each other's code. */
    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.collector..", "io.chainwatch.alert..",
                "io.chainwatch.cdc..", "io.chainwatch.gateway..", "io.chainwatch.identity..")
                .check(CLASSES);
    }

    /** A REST controller is the edge: no other class calls one (they call the services the controllers call). */
    @Test
    void controllersAreUsedByNoOtherClass() {
        noClasses().should().dependOnClassesThat()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .check(CLASSES);
    }

    /** The HTTP problem support (web) and the SQL helpers (sql) are the ground floor: they know no feature (only the settings). */
    @Test
    void webAndSqlKnowNoFeature() {
        noClasses().that().resideInAnyPackage("io.chainwatch.registry.web..", "io.chainwatch.registry.sql..")
                .should().dependOnClassesThat(resideInAPackage("io.chainwatch.registry.*..")
                        .and(not(resideInAnyPackage("io.chainwatch.registry.web..", "io.chainwatch.registry.sql.."))))
                .check(CLASSES);
    }
}
