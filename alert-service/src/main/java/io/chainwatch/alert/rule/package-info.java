/**
 * Alert rules: the {@link io.chainwatch.alert.rule.Rule} interface (JSON field {@code type}; its {@code @JsonSubTypes}
 * list is the registry of types), what every type shares ({@link io.chainwatch.alert.rule.RuleOptions},
 * {@link io.chainwatch.alert.rule.LabelMatcher}, {@link io.chainwatch.alert.rule.Comparison},
 * {@link io.chainwatch.alert.rule.RuleKind}, {@link io.chainwatch.alert.rule.RuleTexts}), their PostgreSQL store and
 * the {@code /api/v1/rules} REST resource. Each rule type is one subpackage {@code rule/<type>/} with its record, its
 * condition and its texts; adding a type is a new subpackage plus its line in {@code Rule}'s {@code @JsonSubTypes}.
 */
package io.chainwatch.alert.rule;
