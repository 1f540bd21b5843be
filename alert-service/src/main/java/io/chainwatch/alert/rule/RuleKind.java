package io.chainwatch.alert.rule;

import io.chainwatch.alert.evaluate.Condition;

/**
 * One rule type: its JSON {@code type}, its record, its condition and its default texts. Each rule record holds its
 * kind as {@code public static final RuleKind<...> KIND} and returns it from {@link Rule#kind()}.
 */
public record RuleKind<R extends Rule>(String type, Class<R> ruleClass, Condition<R> condition, RuleTexts texts) {
}
