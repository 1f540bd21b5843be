package io.chainwatch.alert.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The defaults of the fields every rule record has, applied in each record's compact constructor so that all rule
 * types treat them alike. Only values are normalized here: the fields themselves, their JSON names and their
 * validation annotations stay on the records (moving them would change the rules' JSON).
 */
public final class RuleFields {

    private RuleFields() {
    }

    /** {@code severity}, or {@link Rule#DEFAULT_SEVERITY} when a request leaves it out. */
    public static String severity(String severity) {
        return severity == null ? Rule.DEFAULT_SEVERITY : severity;
    }

    /** An unmodifiable copy of {@code emailTo} (elements as given, for validation to judge), empty when null. */
    public static List<String> emailTo(List<String> emailTo) {
        return emailTo == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(emailTo));
    }
}
