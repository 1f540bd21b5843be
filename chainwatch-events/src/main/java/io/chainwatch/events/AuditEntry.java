package io.chainwatch.events;

import java.util.Map;

/**
 * One audited action, in the one format every service writes to {@link Topics#AUDIT}.
 *
 * @param entryId      unique id of the entry (idempotency key for the appender)
 * @param service      the service that performed or refused the action, e.g. {@code registry}, {@code alert}
 * @param orgId        the organization the resource belongs to ({@code null} for platform-wide resources)
 * @param actor        the authenticated caller (subject of the gateway's internal token), never a request field
 * @param actorOrgId   the caller's organization ({@code null} for a platform admin)
 * @param action       what was done, e.g. {@code rule.create}, {@code alert.acknowledge}
 * @param resourceType e.g. {@code rule}, {@code node}
 * @param resourceId   id of the resource, or {@code null}
 * @param outcome      {@code success}, {@code denied} (refused by authorization) or {@code failed}
 * @param atMs         when, epoch milliseconds
 * @param details      further facts (never secrets)
 */
public record AuditEntry(
        String entryId,
        String service,
        String orgId,
        String actor,
        String actorOrgId,
        String action,
        String resourceType,
        String resourceId,
        String outcome,
        long atMs,
        Map<String, String> details) {

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
