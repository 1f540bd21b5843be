package io.chainwatch.alert;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The alert service's package layout, kept by a test (docs/architecture.md, "Package layout and the rules that keep
 * it"). From the bottom up: {@code problem} (client errors), what a rule is ({@code rule}), the alert lifecycle
 * ({@code lifecycle}), the engine with the interface rule types implement ({@code evaluate}), the rule types
 * ({@code rule/<type>}), the rules organizations have ({@code ruleset}: the list of types, storage), receivers, quotas
 * and silences, notifications ({@code notify}), the pipeline that runs the engine ({@code pipeline}), and the edges:
 * Kafka input ({@code ingest}) and HTTP ({@code web}).
 */
class AlertArchitectureTest {

    private static final String BASE = "io.chainwatch.alert";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(BASE);

    /**
     * Each top-level package of the service is one slice (its subpackages with it: {@code notify/email} belongs to
     * {@code notify}), the service's root package one more — except under {@code rule}: what a rule is
     * ({@code rule} itself) sits below the engine and every rule type ({@code rule/<type>}) above it, so each rule
     * type is a slice of its own. With {@code rule..} as one slice the intended direction (definitions ← engine ←
     * rule types) would read as a cycle.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(BASE)) {
                return SliceIdentifier.of("(root)");
            }
            if (!pkg.startsWith(BASE + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring(BASE.length() + 1).split("\\.");
            if (parts[0].equals("rule") && parts.length > 1) {
                return SliceIdentifier.of("rule." + parts[1]);
            }
            return SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "top-level packages of io.chainwatch.alert, each rule type (rule.<type>) apart";
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
    }

    /** What a rule is ({@code rule}, without the types) knows nothing else of the service: no engine, no type. */
    @Test
    void ruleDefinitionsAreTheGround() {
        noClasses().that().resideInAPackage(BASE + ".rule")
                .should().dependOnClassesThat(resideInAPackage(BASE + "..")
                        .and(not(resideInAnyPackage(BASE + ".rule", BASE + ".problem"))))
                .check(CLASSES);
    }

    /**
     * The engine knows no rule type (a type plugs in through its {@code RuleKind}), and nothing of where samples come
     * from or where alerts go: no storage of rules, no notification, no HTTP.
     */
    @Test
    void theEngineKnowsNoRuleTypeAndNothingAboveIt() {
        noClasses().that().resideInAPackage(BASE + ".evaluate..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".rule.*..", BASE + ".ruleset..",
                        BASE + ".pipeline..", BASE + ".notify..", BASE + ".ingest..", BASE + ".web..",
                        BASE + ".receiver..", BASE + ".silence..", BASE + ".quota..", BASE + ".orgnotification..")
                .check(CLASSES);
    }

    /** The lifecycle records what the engine decides; it knows neither the engine nor notifications nor rule types. */
    @Test
    void theLifecycleSitsBelowTheEngine() {
        noClasses().that().resideInAPackage(BASE + ".lifecycle..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".evaluate..", BASE + ".rule.*..",
                        BASE + ".ruleset..", BASE + ".pipeline..", BASE + ".notify..", BASE + ".ingest..",
                        BASE + ".web..")
                .check(CLASSES);
    }

    /** A REST controller is the edge: no other class calls one. */
    @Test
    void controllersAreUsedByNoOtherClass() {
        noClasses().should().dependOnClassesThat().areAnnotatedWith(RestController.class).check(CLASSES);
    }

    /** Services share only the wire format (chainwatch-events) and chainwatch-security, never each other's code. */
    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.registry..",
                        "io.chainwatch.collector..", "io.chainwatch.cdc..", "io.chainwatch.gateway..",
                        "io.chainwatch.identity..")
                .check(CLASSES);
    }
}
