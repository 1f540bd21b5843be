package io.chainwatch.collector;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The collector's package layout, kept by a test: no package cycles, no other service's code, probes apart from Kafka.
 * The rules are described in docs/architecture.md, "Package layout and the rules that keep it".
 */
class CollectorArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.collector");

    /** Each top-level package (a feature, or one external system) is a unit; units depend on each other one way. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.chainwatch.collector.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Services share only the wire format (chainwatch-events) and chainwatch-security, never each other's code. */
    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.registry..", "io.chainwatch.alert..",
                "io.chainwatch.cdc..", "io.chainwatch.gateway..", "io.chainwatch.identity..")
                .check(CLASSES);
    }

    /**
     * The probes (one package per external system: ethereum, fabric, scrape) only talk to nodes; Kafka is the
     * business of target (what to poll), poll (immediate requests) and publish (samples).
     */
    @Test
    void probesDoNotTouchKafka() {
        noClasses().that().resideInAnyPackage("io.chainwatch.collector.ethereum..", "io.chainwatch.collector.fabric..",
                        "io.chainwatch.collector.scrape..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }
}
