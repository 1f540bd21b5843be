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
 * @param entryId     the entry's id on the topic {@code chainwatch.audit} and in the tamper-evident log
 * @param service     the service that performed or refused the call ({@code registry}, {@code alert}, {@code cdc})
 * @param outcome     {@code success}, {@code denied} (refused by authorization) or {@code failed}
 * @param details     further facts (method, path, status, the problem's detail), {@code null} if none
 * @param ledgerIndex the entry's leaf index in the tamper-evident log ({@code GET /api/v1/ledger/entries/{index}}),
 *                    {@code null} until appended
 */
public record AuditEntry(long id, Instant at, String actor, UUID actorOrgId, UUID orgId, String action, String resourceType,
        String resourceId, JsonNode before, JsonNode after, UUID entryId, String service, String outcome,
        JsonNode details, Long ledgerIndex) {
}
