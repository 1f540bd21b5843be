package io.chainwatch.alert.rule.consistency;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * Rule {@code consistency}: fires when nodes of one chain — Ethereum nodes, or the peers of one Fabric channel —
 * report different block hashes ({@code head.hash}) at the same height for forSeconds: a fork, a node on the wrong
 * network, a corrupt node. The alert names the height and the diverging nodes with their hashes; it resolves when
 * the nodes agree again at the newest height they share. Example:
 * {@code {"type": "consistency", "chainId": "…", "forSeconds": 5}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsistencyRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "consistency";

    /** This type: record, condition, texts. */
    public static final RuleKind<ConsistencyRule> KIND = new RuleKind<>(TYPE, ConsistencyRule.class,
            new ConsistencyCondition(), new ConsistencyTexts());

    public ConsistencyRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public ConsistencyRule withId(UUID newId) {
        return new ConsistencyRule(newId, orgId, chainId, forSeconds, severity, emailTo, options);
    }

    @Override
    public ConsistencyRule withOrgId(UUID newOrgId) {
        return new ConsistencyRule(id, newOrgId, chainId, forSeconds, severity, emailTo, options);
    }
}
