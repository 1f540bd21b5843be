package io.chainwatch.alert.receiver;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.ruleset.RuleTypes;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver routes by severity and rule type: a misspelt value would route nothing, so only the values rules can
 * have are accepted — the same lists as the rules' (every rule type found in its folder, none other).
 */
class ReceiverRoutingValuesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theAcceptedSeveritiesAndRuleTypesAreTheRules() {
        assertThat(Set.of(pattern("severities").split("\\|"))).isEqualTo(Set.of(Rule.SEVERITY_PATTERN.split("\\|")));
        assertThat(RuleTypes.names()).allSatisfy(type ->
                assertThat(validator.validate(receiver(List.of(), List.of(type)))).as(type).isEmpty());
    }

    @Test
    void aMisspeltSeverityOrRuleTypeIsRefusedNamingTheField() {
        assertThat(validator.validate(receiver(List.of("critical", "warning"), List.of("chain_stalled")))).isEmpty();
        assertThat(validator.validate(receiver(List.of("critcal"), List.of()))).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).startsWith("severities"));
        assertThat(validator.validate(receiver(List.of(), List.of("chain_stall")))).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("must be a rule type: ").contains("chain_stalled")
                        .contains("consistency"));
    }

    private static Receiver receiver(List<String> severities, List<String> ruleTypes) {
        return new Receiver(null, null, "oncall", "email", "ops@example.com", "en", null, severities, ruleTypes, 0,
                true, null);
    }

    private static String pattern(String component) {
        RecordComponent c = Arrays.stream(Receiver.class.getRecordComponents())
                .filter(r -> r.getName().equals(component)).findFirst().orElseThrow();
        return ((AnnotatedParameterizedType) c.getAnnotatedType()).getAnnotatedActualTypeArguments()[0]
                .getAnnotation(Pattern.class).regexp();
    }
}
