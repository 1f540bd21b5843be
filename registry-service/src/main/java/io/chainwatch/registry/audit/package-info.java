/**
 * The audit table of every service: the registry's own changes are written here in their transaction (who — the
 * caller's subject and organization from the gateway's internal token —, which organization the resource belongs to,
 * what, the resource before and after as JSON — the API's view, so never a secret —, when), and sent as the same
 * {@link io.chainwatch.events.AuditEntry} through the outbox to {@code chainwatch.audit}; the entries of the other
 * services, refused and failed calls and alert transitions arrive from that topic through the ledger appender
 * ({@link io.chainwatch.registry.audit.AuditLog#store}). {@code GET /api/v1/audit} with filters and paging; a caller
 * sees the entries of its own organization's resources only, a platform admin all.
 */
package io.chainwatch.registry.audit;
