/**
 * The rule set: the rule types there are ({@link io.chainwatch.alert.ruleset.RuleTypes}, found in their folders
 * {@code rule/<type>/}; {@link io.chainwatch.alert.ruleset.RuleTypesModule} tells Jackson their JSON {@code type}
 * names; {@link io.chainwatch.alert.ruleset.KnownRuleType} checks a name), the rules organizations have in PostgreSQL
 * ({@link io.chainwatch.alert.ruleset.RuleRepository}) and the in-memory copy the engine evaluates
 * ({@link io.chainwatch.alert.ruleset.RuleStore}). What a rule is — {@code Rule} and what every type shares — is in
 * {@code rule}; the {@code /api/v1/rules} resource in {@code web}.
 */
package io.chainwatch.alert.ruleset;
