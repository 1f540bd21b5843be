/**
 * Alert transitions in the audit trail: {@code lifecycle.TransitionAudit} writes an
 * {@link io.chainwatch.events.AuditEntry} for each committed transition (fired, resolved, acknowledged) into the
 * table {@code alert.audit_outbox} in the transition's own transaction, and
 * {@link io.chainwatch.alert.audit.AuditOutboxRelay} sends them to {@code chainwatch.audit} in order, from where the
 * registry appends them to the tamper-evident log. The API calls of this service are audited by the shared
 * {@link io.chainwatch.security.audit.AuditFilter}.
 */
package io.chainwatch.alert.audit;
