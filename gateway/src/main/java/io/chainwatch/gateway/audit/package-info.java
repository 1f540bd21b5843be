/**
 * Audit of what the gateway itself refuses ({@link io.chainwatch.gateway.audit.RefusalAudit}): the 401s and 403s
 * of mutating API calls that never reach a service, published like every service's audit entries to
 * {@code chainwatch.audit}, and so in {@code GET /api/v1/audit} and the tamper-evident log.
 */
package io.chainwatch.gateway.audit;
