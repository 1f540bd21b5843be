package io.chainwatch.registry.node;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored node; {@code orgId} is the owner of its chain. {@code metricsUrl} and {@code fabric} are optional.
 */
public record Node(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
        String metricsUrl, FabricSettings fabric, Instant createdAt, long version) {
}
