/**
 * Alert rules: the sealed {@link io.chainwatch.alert.rule.Rule} type with one record per rule type (JSON field
 * {@code type}), their PostgreSQL store and the {@code /api/v1/rules} REST resource. Adding a rule type means
 * a new record here and its condition in {@code evaluate}.
 */
package io.chainwatch.alert.rule;
