package io.chainwatch.registry.node;

import java.time.Instant;
import java.util.UUID;

/** A stored node; {@code orgId} is the owner of its chain. */
public record Node(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
        Instant createdAt, long version) {
}
