package io.chainwatch.alert.rule.lagging;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainwatch.alert.evaluate.RuleKind;
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
 * Rule {@code lagging}: per node, fires when the node is more than {@code blocks} blocks behind the best node of
 * the same chain for forSeconds; resolves when it is within {@code blocks} again.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record LaggingRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @NotNull @Min(1) @Max(1000000) Integer blocks,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "lagging";

    /** This type: record, condition, texts. */
    public static final RuleKind<LaggingRule> KIND = new RuleKind<>(TYPE,
            LaggingRule.class, new LaggingCondition(), new LaggingTexts());

    public LaggingRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public LaggingRule withId(UUID newId) {
        return new LaggingRule(newId, orgId, chainId, forSeconds, severity, emailTo, blocks, options);
    }

    @Override
    public LaggingRule withOrgId(UUID newOrgId) {
        return new LaggingRule(id, newOrgId, chainId, forSeconds, severity, emailTo, blocks, options);
    }
}
