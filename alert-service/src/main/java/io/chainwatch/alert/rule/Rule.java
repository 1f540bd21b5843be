package io.chainwatch.alert.rule;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An alert rule on one chain of one organization. The JSON field {@code type} selects the record.
 * Common fields: {@code id} (assigned on creation), {@code orgId} (may be left out by a member of an
 * organization: the caller's own), {@code chainId} (may be left out when {@code options.allianceId} is set: then
 * every chain of the organization serving the alliance), {@code forSeconds}
 * (how long the condition must hold), {@code severity}, {@code emailTo} (recipients), {@code options}
 * ({@link RuleOptions}: node scope, summary template, repeat interval, escalation).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChainStalledRule.class, name = ChainStalledRule.TYPE),
        @JsonSubTypes.Type(value = NodeUnreachableRule.class, name = NodeUnreachableRule.TYPE),
        @JsonSubTypes.Type(value = ThresholdRule.class, name = ThresholdRule.TYPE),
        @JsonSubTypes.Type(value = LaggingRule.class, name = LaggingRule.TYPE),
        @JsonSubTypes.Type(value = RateRule.class, name = RateRule.TYPE)})
public sealed interface Rule permits ChainStalledRule, NodeUnreachableRule, ThresholdRule, LaggingRule, RateRule {

    /** Severity used when a request leaves it out. */
    String DEFAULT_SEVERITY = "critical";

    /** Every rule type, as in JSON. */
    List<String> TYPES = List.of(ChainStalledRule.TYPE, NodeUnreachableRule.TYPE, ThresholdRule.TYPE,
            LaggingRule.TYPE, RateRule.TYPE);

    UUID id();

    UUID orgId();

    UUID chainId();

    Integer forSeconds();

    String severity();

    List<String> emailTo();

    RuleOptions options();

    /** The JSON {@code type} of this rule. */
    String type();

    /** This rule with the given id. */
    Rule withId(UUID id);

    /** This rule in the given organization. */
    Rule withOrgId(UUID orgId);

    /** The options, never null. */
    @JsonIgnore
    default RuleOptions settings() {
        return options() == null ? RuleOptions.NONE : options();
    }

    /**
     * Checks what bean validation cannot (operators, regular expressions, reading names); throws
     * {@link IllegalArgumentException} with a message naming the field.
     */
    default void validate() {
        if (chainId() == null && settings().allianceId() == null) {
            throw new IllegalArgumentException("chainId is required, unless options.allianceId scopes the rule to"
                    + " the chains of an alliance");
        }
        if (settings().match() != null) {
            settings().match().forEach(LabelMatcher::validate);
        }
    }

    /** Builds the record for a stored {@code type} of the foundation's columns (rows written before V2). */
    static Rule of(String type, UUID id, UUID orgId, UUID chainId, int forSeconds, String severity,
                   List<String> emailTo) {
        return switch (type) {
            case ChainStalledRule.TYPE -> new ChainStalledRule(id, orgId, chainId, forSeconds, severity, emailTo);
            case NodeUnreachableRule.TYPE -> new NodeUnreachableRule(id, orgId, chainId, forSeconds, severity, emailTo);
            default -> throw new IllegalArgumentException("unknown rule type " + type);
        };
    }

    /** Checks a comparison operator. */
    static void checkOperator(String field, String op) {
        if (!Comparison.SYMBOLS.contains(op)) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", Comparison.SYMBOLS)
                    + ", was \"" + op + "\"");
        }
    }
}
