package io.chainwatch.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's package layout, kept by a test: no package cycles, no other service's code, no servlet API.
 * The rules are described in docs/architecture.md, "Package layout and the rules that keep it".
 */
class GatewayArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.gateway");

    /** Each top-level package (a feature, or one external system) is a unit; units depend on each other one way. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.chainwatch.gateway.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Services share only the wire format (chainwatch-events) and chainwatch-security, never each other's code. */
    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.registry..", "io.chainwatch.collector..", "io.chainwatch.alert..",
                "io.chainwatch.cdc..", "io.chainwatch.identity..")
                .check(CLASSES);
    }

    /** The gateway is reactive (WebFlux): nothing in it may use the servlet API, which would block its event loop. */
    @Test
    void noServletApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..",
                        "org.springframework.web.servlet..")
                .check(CLASSES);
    }
}
