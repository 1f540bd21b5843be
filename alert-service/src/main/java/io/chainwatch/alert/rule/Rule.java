package io.chainwatch.alert.rule;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An alert rule on one chain of one organization: what a rule is, for every type. The JSON field {@code type} selects
 * the record.
 *
 * <p>Each type is one folder {@code rule/<type>/} holding its record (definition and validation, implementing this
 * interface), its {@code evaluate.Condition} and its {@code evaluate.RuleTexts}, tied together by the record's
 * {@code KIND}. {@code ruleset.RuleTypes} finds the types in their folders and {@code ruleset.RuleTypesModule} tells
 * Jackson their names: this interface names no type, so the definitions sit below the engine and the types above it.
 *
 * Common fields: {@code id} (assigned on creation), {@code orgId} (may be left out by a member of an
 * organization: the caller's own), {@code chainId} (may be left out when {@code options.allianceId} is set: then
 * every chain of the organization serving the alliance), {@code forSeconds}
 * (how long the condition must hold), {@code severity}, {@code emailTo} (recipients), {@code options}
 * ({@link RuleOptions}: node scope, summary template, repeat interval, escalation).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
public interface Rule {

    /** Severity used when a request leaves it out. */
    String DEFAULT_SEVERITY = "critical";

    /** The severities a rule may have (receivers route by them, so a misspelt one would reach no one). */
    String SEVERITY_PATTERN = "critical|warning|info";

    /** What a request with another severity is told. */
    String SEVERITY_MESSAGE = "must be critical, warning or info";

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

    /** Checks a comparison operator. */
    static void checkOperator(String field, String op) {
        if (!Comparison.SYMBOLS.contains(op)) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", Comparison.SYMBOLS)
                    + ", was \"" + op + "\"");
        }
    }
}
