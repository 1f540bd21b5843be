package io.chainwatch.registry.audit;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One audited change as the API returns it.
 *
 * @param actor      the caller's subject, as the gateway vouched for it (or a task's actor)
 * @param actorOrgId the caller's organization; {@code null} for a platform admin or a task step
 * @param orgId      the organization of the changed resource
 * @param before the resource before the change ({@code null} on create)
 * @param after  the resource after the change ({@code null} on delete)
 */
public record AuditEntry(long id, Instant at, String actor, UUID actorOrgId, UUID orgId, String action, String resourceType,
        String resourceId, JsonNode before, JsonNode after) {
}
