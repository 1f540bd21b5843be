package io.chainwatch.alert.rule;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Rule {@code chain_stalled}: fires when the chain's best height has not increased for forSeconds while at least one of its nodes answers. */
public record ChainStalledRule(
        UUID id,
        @NotNull UUID orgId,
        @NotNull UUID chainId,
        @NotNull @Min(1) @Max(86400) Integer forSeconds,
        @Size(min = 1, max = 32) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be a lower-case word such as critical or warning") String severity,
        @NotEmpty @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> emailTo) implements Rule {

    /** JSON {@code type} of this rule. */
    public static final String TYPE = "chain_stalled";

    public ChainStalledRule {
        severity = severity == null ? DEFAULT_SEVERITY : severity;
        emailTo = emailTo == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(emailTo));
    }

    @Override
    @JsonProperty(value = "type", index = 0)
    public String type() {
        return TYPE;
    }

    @Override
    public ChainStalledRule withId(UUID newId) {
        return new ChainStalledRule(newId, orgId, chainId, forSeconds, severity, emailTo);
    }
}
