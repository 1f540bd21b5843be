/**
 * What an alert rule is: the {@link io.chainwatch.alert.rule.Rule} interface (JSON field {@code type}) and what every
 * type shares ({@link io.chainwatch.alert.rule.RuleOptions}, {@link io.chainwatch.alert.rule.LabelMatcher},
 * {@link io.chainwatch.alert.rule.Comparison}, {@link io.chainwatch.alert.rule.RuleFields}). The bottom of the rule
 * design: it knows neither the engine nor any type. Each rule type is one subpackage {@code rule/<type>/} with its
 * record, its condition and its texts, built on the engine's interface ({@code evaluate.RuleKind}); adding a type is a
 * new subpackage, found there by {@code ruleset.RuleTypes}.
 */
package io.chainwatch.alert.rule;
