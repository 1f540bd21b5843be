/**
 * REST error handling: one advice turning every client error into an RFC 9457 problem detail; and
 * {@link io.chainwatch.alert.web.RuleRequestCheck}, the checks of a rule in a request body that depend on the
 * service's state (its chain must be a known chain of its organization, its recipients within the quota), the same
 * for create, validate and dry run.
 */
package io.chainwatch.alert.web;
