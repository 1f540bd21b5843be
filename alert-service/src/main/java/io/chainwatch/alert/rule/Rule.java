package io.chainwatch.alert.rule;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.consistency.ConsistencyRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.alert.rule.rate.RateRule;
import io.chainwatch.alert.rule.threshold.ThresholdRule;

/**
 * An alert rule on one chain of one organization. The JSON field {@code type} selects the record.
 *
 * <p>This interface is the registry of rule types: each type is one folder {@code rule/<type>/} holding its record
 * (definition and validation), its {@link io.chainwatch.alert.evaluate.Condition} and its {@link RuleTexts}, tied
 * together by the record's {@link RuleKind} ({@code KIND}). The {@code @JsonSubTypes} list below is the one
 * registry: Jackson reads the JSON {@code type} from it and {@link RuleTypes} finds each type's {@code KIND} there.
 * Adding a type is that folder plus its line in the list; nothing in the engine or the notifiers changes.
 *
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
        @JsonSubTypes.Type(value = RateRule.class, name = RateRule.TYPE),
        @JsonSubTypes.Type(value = ConsistencyRule.class, name = ConsistencyRule.TYPE)})
public interface Rule {

    /** Severity used when a request leaves it out. */
    String DEFAULT_SEVERITY = "critical";

    /** The severities a rule may have (receivers route by them, so a misspelt one would reach no one). */
    String SEVERITY_PATTERN = "critical|warning|info";

    /** What a request with another severity is told. */
    String SEVERITY_MESSAGE = "must be critical, warning or info";

    /** Every rule type, as in JSON (read from the registry when first used: no class-initialization cycle). */
    List<String> TYPES = new java.util.AbstractList<>() {
        @Override
        public String get(int index) {
            return RuleTypes.names().get(index);
        }

        @Override
        public int size() {
            return RuleTypes.names().size();
        }
    };

    UUID id();

    UUID orgId();

    UUID chainId();

    Integer forSeconds();

    String severity();

    List<String> emailTo();

    RuleOptions options();

    /** The JSON {@code type} of this rule. */
    String type();

    /** The rule's type: its condition and texts. */
    @JsonIgnore
    RuleKind<?> kind();

    /** This rule with the given id. */
    Rule withId(UUID id);

    /** This rule in the given organization. */
    Rule withOrgId(UUID orgId);

    /**
     * Whether {@code other} watches the same chains and nodes as this rule: same type, chain, alliance scope and
     * node matchers. An edit that keeps this keeps the rule's alerts and pending conditions; the next evaluation
     * judges them by the new definition.
     */
    default boolean watchesSameAs(Rule other) {
        return type().equals(other.type()) && java.util.Objects.equals(chainId(), other.chainId())
                && java.util.Objects.equals(settings().allianceId(), other.settings().allianceId())
                && java.util.Objects.equals(settings().match(), other.settings().match());
    }

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
