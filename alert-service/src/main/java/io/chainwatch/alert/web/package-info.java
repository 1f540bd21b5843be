/**
 * The HTTP edge that reaches across features: {@link io.chainwatch.alert.web.ProblemAdvice} turns every client error
 * into an RFC 9457 problem detail; the {@code /api/v1/rules} resource ({@link io.chainwatch.alert.web.RuleController}:
 * create, edit, validate, dry-run on the engine) and {@link io.chainwatch.alert.web.RuleRequestCheck}, the checks of a
 * rule in a request body that depend on the service's state (its chain must be a known chain of its organization, its
 * recipients within the quota), the same for create, validate and dry run. Other resources live with their feature.
 */
package io.chainwatch.alert.web;
