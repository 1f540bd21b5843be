package io.chainwatch.alert.rule.chainstalled;

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
 * Rule {@code chain_stalled}: fires when the chain's best height has not increased for forSeconds while at least
 * one of its nodes answers. {@code mode}: {@code always} (default; chains that make blocks on a timer) or
 * {@code pending_transactions} (chains without empty blocks — Fabric, anvil's automine, QBFT: only time during
 * which some node reports {@code txpool.pending} &gt; 0 counts, so an idle chain does not page anyone).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ChainStalledRule(
        UUID id,
        UUID orgId,
        UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = Rule.SEVERITY_PATTERN, message = Rule.SEVERITY_MESSAGE) String severity,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo,
        @Pattern(regexp = "always|pending_transactions", message = "must be always or pending_transactions") String mode,
        @Valid RuleOptions options) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "chain_stalled";

    /** This type: record, condition, texts. */
    public static final RuleKind<ChainStalledRule> KIND = new RuleKind<>(TYPE,
            ChainStalledRule.class, new ChainStalledCondition(), new ChainStalledTexts());

    /** Stalled is height unchanged, whatever else happens. */
    public static final String MODE_ALWAYS = "always";
    /** Stalled is height unchanged while transactions are pending. */
    public static final String MODE_PENDING_TRANSACTIONS = "pending_transactions";

    /** The foundation's fields: mode {@code always}, no options. */
    public ChainStalledRule(UUID id, UUID orgId, UUID chainId, Integer forSeconds, String severity, List<String> emailTo) {
        this(id, orgId, chainId, forSeconds, severity, emailTo, null, null);
    }

    public ChainStalledRule {
        severity = RuleFields.severity(severity);
        emailTo = RuleFields.emailTo(emailTo);
        mode = mode == null ? MODE_ALWAYS : mode;
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public ChainStalledRule withId(UUID newId) {
        return new ChainStalledRule(newId, orgId, chainId, forSeconds, severity, emailTo, mode, options);
    }

    @Override
    public ChainStalledRule withOrgId(UUID newOrgId) {
        return new ChainStalledRule(id, newOrgId, chainId, forSeconds, severity, emailTo, mode, options);
    }
}
