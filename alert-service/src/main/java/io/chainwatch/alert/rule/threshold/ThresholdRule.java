package io.chainwatch.alert.rule.threshold;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.evaluate.RuleTexts;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.RuleFields;
import io.chainwatch.alert.rule.RuleOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Rule {@code threshold}: per node, fires when {@code reading} {@code operator} {@code value} holds on its OK
 * samples for forSeconds (by poll time); resolves when a sample shows it no longer holds. A sample without the
 * reading leaves the state as it is. Example: {@code "reading": "peer.count", "operator": "<", "value": 2}.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ThresholdRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @NotBlank @Size(max = 200) String reading,
        @NotBlank String operator,
        @NotNull Double value,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "threshold";

    /** This type: record, condition, texts. */
    public static final RuleKind<ThresholdRule> KIND = new RuleKind<>(TYPE,
            ThresholdRule.class, new ThresholdCondition(), RuleTexts.titled("Threshold", "阈值告警"));

    public ThresholdRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public ThresholdRule withId(UUID newId) {
        return new ThresholdRule(newId, orgId, chainId, forSeconds, severity, emailTo, reading, operator, value, options);
    }

    @Override
    public ThresholdRule withOrgId(UUID newOrgId) {
        return new ThresholdRule(id, newOrgId, chainId, forSeconds, severity, emailTo, reading, operator, value, options);
    }

    @Override
    public void validate() {
        Rule.super.validate();
        Rule.checkOperator("operator", operator);
    }
}
