package io.chainwatch.security;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The two modules every service shares stay below the services: the wire format ({@code chainwatch-events}: records
 * and topic names, no Spring, no Kafka client) and {@code chainwatch-security}. Described in docs/architecture.md,
 * "Package layout and the rules that keep it".
 */
class SharedModulesArchitectureTest {

    private static final String[] SERVICES = {"io.chainwatch.registry..", "io.chainwatch.collector..",
            "io.chainwatch.alert..", "io.chainwatch.cdc..", "io.chainwatch.gateway..", "io.chainwatch.identity..",
            "io.chainwatch.local..", "io.chainwatch.testkit.."};

    private static final JavaClasses EVENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chainwatch.events");

    private static final JavaClasses SECURITY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.security");

    @Test
    void theWireFormatDependsOnNoServiceNoSpringNoKafka() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(SERVICES).check(EVENTS);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.security..",
                "org.springframework..", "org.apache.kafka..").check(EVENTS);
    }

    @Test
    void securityDependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(SERVICES).check(SECURITY);
    }

    @Test
    void securityPackagesAreFreeOfCycles() {
        slices().matching("io.chainwatch.security.(*)..").should().beFreeOfCycles().check(SECURITY);
    }
}
