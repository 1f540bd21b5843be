package io.chainwatch.alert.rule.rate;

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
 * Rule {@code rate}: over the chain's samples of the last {@code windowSeconds}, the sum of reading
 * {@code numerator} divided by the sum of reading {@code denominator} (a ratio), or per second when
 * {@code denominator} is absent (a rate), compared with {@code value}; fires when that holds for forSeconds.
 * Example, invalid Fabric transactions above 5 % over 5 minutes: {@code "numerator": "fabric.tx.invalid",
 * "denominator": "fabric.tx.count", "windowSeconds": 300, "operator": ">", "value": 0.05}.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record RateRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @NotBlank @Size(max = 200) String numerator,
        @Size(min = 1, max = 200) String denominator,
        @NotNull @Min(1) @Max(3600) Integer windowSeconds,
        @NotBlank String operator,
        @NotNull Double value,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "rate";

    /** This type: record, condition, texts. */
    public static final RuleKind<RateRule> KIND = new RuleKind<>(TYPE,
            RateRule.class, new RateCondition(), RuleTexts.titled("Rate", "比率告警"));

    public RateRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public RateRule withId(UUID newId) {
        return new RateRule(newId, orgId, chainId, forSeconds, severity, emailTo, numerator, denominator, windowSeconds, operator, value, options);
    }

    @Override
    public RateRule withOrgId(UUID newOrgId) {
        return new RateRule(id, newOrgId, chainId, forSeconds, severity, emailTo, numerator, denominator, windowSeconds, operator, value, options);
    }

    @Override
    public void validate() {
        Rule.super.validate();
        Rule.checkOperator("operator", operator);
    }
}
