/**
 * The audit of every mutating call, one format for every service: {@link io.chainwatch.security.audit.AuditFilter}
 * wraps each {@code POST/PUT/PATCH/DELETE} under {@code /api/} and, once the response status
 * is known, hands one {@link io.chainwatch.events.AuditEntry} to the {@link io.chainwatch.security.audit.AuditPublisher}
 * ({@link io.chainwatch.security.audit.KafkaAuditPublisher}: topic {@code chainwatch.audit}). The actor is always the
 * {@link io.chainwatch.security.Caller} the gateway vouched for (never a request field), also for calls refused by
 * authorization (outcome {@code denied}); a call without a valid internal token is {@code denied} with the actor
 * {@value io.chainwatch.security.audit.AuditFilter#ANONYMOUS}. A service that records its successful changes itself,
 * inside their transaction (the registry), marks the request with {@link io.chainwatch.security.audit.AuditFilter#RECORDED}
 * and the filter then publishes only what that record does not cover.
 */
package io.chainwatch.security.audit;
