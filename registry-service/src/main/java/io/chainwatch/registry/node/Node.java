package io.chainwatch.registry.node;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored node; {@code orgId} is the owner of its chain. {@code metricsUrl} and {@code fabric} are optional.
 * {@code retiredAt} is set when its platform no longer runs it: it is kept, but not polled.
 */
public record Node(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
        String metricsUrl, FabricSettings fabric, Instant createdAt, long version, Instant retiredAt) {

    public Node(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
            String metricsUrl, FabricSettings fabric, Instant createdAt, long version) {
        this(id, chainId, orgId, name, rpcUrl, pollIntervalMs, metricsUrl, fabric, createdAt, version, null);
    }

    /** Whether collectors poll it (it is not retired). */
    public boolean monitored() {
        return retiredAt == null;
    }
}
