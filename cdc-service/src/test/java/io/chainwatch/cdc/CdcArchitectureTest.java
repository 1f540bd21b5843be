package io.chainwatch.cdc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The CDC service's package layout, kept by a test: no package cycles, no other service's code, controllers at the edge.
 * The rules are described in docs/architecture.md, "Package layout and the rules that keep it".
 */
class CdcArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.cdc");

    /** Each top-level package (a feature, or one external system) is a unit; units depend on each other one way. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.chainwatch.cdc.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Services share only the wire format (chainwatch-events) and chainwatch-security, never each other's code. */
    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.registry..", "io.chainwatch.collector..", "io.chainwatch.alert..",
                "io.chainwatch.gateway..", "io.chainwatch.identity..")
                .check(CLASSES);
    }

    /** A REST controller is the edge: no other class calls one (they call the services the controllers call). */
    @Test
    void controllersAreUsedByNoOtherClass() {
        noClasses().should().dependOnClassesThat()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .check(CLASSES);
    }

    /** The replication reader (logical decoding) knows nothing of the HTTP API. */
    @Test
    void replicationKnowsNoWebLayer() {
        noClasses().that().resideInAPackage("io.chainwatch.cdc.replication..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.cdc.web..",
                        "org.springframework.web..")
                .check(CLASSES);
    }
}
