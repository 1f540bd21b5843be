package io.chainwatch.registry.businesschain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored business chain; {@code ownerOrgId} created it. */
public record BusinessChain(UUID id, UUID allianceId, UUID ownerOrgId, String name, CreateMode createMode,
        List<UUID> memberOrgIds, Instant createdAt, Instant updatedAt, long version) {
}
