package io.chainwatch.registry.businesschain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A stored blockchain (ledger) of a business chain, as the API returns it too.
 *
 * @param externalId its id on the platform that runs it
 * @param cloudType  where it runs, e.g. {@code HUAWEI_CLOUD}, {@code PRIVATE}
 * @param blockSpec  block parameters, e.g. {@code {"consensus": "raft", "blockIntervalMs": 2000}}
 */
public record Blockchain(UUID id, UUID businessChainId, UUID ownerOrgId, String name, String externalId,
        String cloudType, List<UUID> orgIds, JsonNode extraInfo, JsonNode infraSpec, JsonNode blockSpec,
        Instant createdAt, Instant updatedAt, long version) {
}
