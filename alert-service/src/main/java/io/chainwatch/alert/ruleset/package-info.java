/**
 * The rule set: the rules organizations have, the one list of rule types ({@link io.chainwatch.alert.ruleset.RuleTypes}, each a folder
 * {@code rule/<type>/}; also Jackson's registry of the JSON {@code type}), their PostgreSQL store
 * ({@link io.chainwatch.alert.ruleset.RuleRepository}) and the in-memory copy the engine evaluates
 * ({@link io.chainwatch.alert.ruleset.RuleStore}). What a rule is — {@code Rule} and what every type shares — is in
 * {@code rule}; the {@code /api/v1/rules} resource in {@code web}.
 */
package io.chainwatch.alert.ruleset;
