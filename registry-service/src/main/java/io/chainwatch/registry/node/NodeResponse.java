package io.chainwatch.registry.node;

import java.time.Instant;
import java.util.UUID;

/** A node as the API returns it; {@code retiredAt} (null while monitored) when its platform dropped it. */
public record NodeResponse(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
        Instant createdAt, String metricsUrl, FabricSettings fabric, Instant retiredAt) {

    static NodeResponse of(Node node) {
        return new NodeResponse(node.id(), node.chainId(), node.orgId(), node.name(), node.rpcUrl(),
                node.pollIntervalMs(), node.createdAt(), node.metricsUrl(), node.fabric(), node.retiredAt());
    }
}
