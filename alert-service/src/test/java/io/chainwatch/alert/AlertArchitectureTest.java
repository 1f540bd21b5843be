package io.chainwatch.alert;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The alert service's package layout, kept by a test (docs/architecture.md, "Package layout and the rules that keep
 * it"). From the bottom up: the rule definitions ({@code rule}), the evaluation engine and the interface rule types
 * implement ({@code evaluate}), the rule types ({@code rule.<type>}, each one unit above the engine), the alert
 * lifecycle ({@code lifecycle}), notifications ({@code notify}), and the HTTP edge.
 */
class AlertArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.chainwatch.alert");

    /**
     * Each top-level package of the service is one slice, except under {@code rule}: the rule definitions
     * ({@code rule} itself) sit below the engine and every rule type ({@code rule/<type>}) above it, so each rule
     * type is a slice of its own. With {@code rule..} as one slice the intended direction (definitions ← engine ←
     * rule types) would read as a cycle.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            String base = "io.chainwatch.alert";
            if (!pkg.startsWith(base + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring(base.length() + 1).split("\\.");
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
}
