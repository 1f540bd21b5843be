package io.chainwatch.alert.rule.nodeunreachable;

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

/** Rule {@code node_unreachable}: fires when a node's polls have failed, or no sample has arrived for it, for forSeconds. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record NodeUnreachableRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "node_unreachable";

    /** This type: record, condition, texts. */
    public static final RuleKind<NodeUnreachableRule> KIND = new RuleKind<>(TYPE,
            NodeUnreachableRule.class, new NodeUnreachableCondition(), new NodeUnreachableTexts());

    /** The foundation's fields, no options. */
    public NodeUnreachableRule(UUID id, UUID orgId, UUID chainId, Integer forSeconds, String severity, List<String> emailTo) {
        this(id, orgId, chainId, forSeconds, severity, emailTo, null);
    }

    public NodeUnreachableRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public NodeUnreachableRule withId(UUID newId) {
        return new NodeUnreachableRule(newId, orgId, chainId, forSeconds, severity, emailTo, options);
    }

    @Override
    public NodeUnreachableRule withOrgId(UUID newOrgId) {
        return new NodeUnreachableRule(id, newOrgId, chainId, forSeconds, severity, emailTo, options);
    }
}
