package io.chainwatch.alert.rule;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An alert rule on one chain of one organization. The JSON field {@code type} selects the record.
 * Common fields: {@code id} (assigned on creation), {@code orgId}, {@code chainId}, {@code forSeconds}
 * (how long the condition must hold), {@code severity}, {@code emailTo} (recipients).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChainStalledRule.class, name = ChainStalledRule.TYPE),
        @JsonSubTypes.Type(value = NodeUnreachableRule.class, name = NodeUnreachableRule.TYPE)})
public sealed interface Rule permits ChainStalledRule, NodeUnreachableRule {

    /** Severity used when a request leaves it out. */
    String DEFAULT_SEVERITY = "critical";

    UUID id();

    UUID orgId();

    UUID chainId();

    Integer forSeconds();

    String severity();

    List<String> emailTo();

    /** The JSON {@code type} of this rule. */
    String type();

    /** This rule with the given id. */
    Rule withId(UUID id);

    /** Builds the record for a stored {@code type}. */
    static Rule of(String type, UUID id, UUID orgId, UUID chainId, int forSeconds, String severity,
                   List<String> emailTo) {
        return switch (type) {
            case ChainStalledRule.TYPE -> new ChainStalledRule(id, orgId, chainId, forSeconds, severity, emailTo);
            case NodeUnreachableRule.TYPE -> new NodeUnreachableRule(id, orgId, chainId, forSeconds, severity, emailTo);
            default -> throw new IllegalArgumentException("unknown rule type " + type);
        };
    }
}
