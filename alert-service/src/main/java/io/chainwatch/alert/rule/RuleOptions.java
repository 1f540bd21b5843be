package io.chainwatch.alert.rule;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Optional settings every rule may carry (JSON field {@code options}).
 *
 * @param match                node scope: only nodes whose labels match every matcher (node rules; for chain
 *                             rules the chain's nodes considered)
 * @param summary              summary template; placeholders {@code {node}}, {@code {chain}}, {@code {org}},
 *                             {@code {value}}, {@code {severity}}, {@code {rule}}; null = the built-in summary
 * @param repeatSeconds        while firing and not acknowledged, announce again after this long; null = the
 *                             service default ({@code chainwatch.alert.repeat-interval})
 * @param escalateAfterSeconds unacknowledged this long after firing → the receivers of escalation level 1;
 *                             null = no escalation
 * @param allianceId           alliance scope, a registry alliance id (a UUID): only nodes whose registry target
 *                             lists this alliance (their chain serves it through a business chain); null = no
 *                             alliance scope. Combines with
 *                             {@code match} (both must hold); for chain rules it selects the chain's nodes
 *                             considered. A rule with an alliance scope and no {@code chainId} is evaluated on
 *                             every chain where the organization has such a node (one alert per chain / node)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleOptions(
        @Valid @Size(max = 20) List<LabelMatcher> match,
        @Size(max = 500) String summary,
        @Min(5) @Max(604800) Integer repeatSeconds,
        @Min(1) @Max(604800) Integer escalateAfterSeconds,
        java.util.UUID allianceId) {

    public static final RuleOptions NONE = new RuleOptions(null, null, null, null, null);

    public RuleOptions {
        match = match == null ? null : List.copyOf(match);
    }

    /** Options without an alliance scope. */
    public RuleOptions(List<LabelMatcher> match, String summary, Integer repeatSeconds, Integer escalateAfterSeconds) {
        this(match, summary, repeatSeconds, escalateAfterSeconds, null);
    }
}
