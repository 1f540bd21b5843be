package io.chainwatch.registry.node;

import java.time.Instant;
import java.util.UUID;

/**
 * A node as the API returns it. For a caller below org-admin ({@link #forCaller}) the URLs are masked
 * ({@link io.chainwatch.security.SecretUrls}): a provider's API key in the userinfo, the query or the path is shown
 * as {@code ***}.
 * {@code retiredAt} (null while monitored) is set when its platform dropped it.
 */
public record NodeResponse(UUID id, UUID chainId, UUID orgId, String name, String rpcUrl, long pollIntervalMs,
        Instant createdAt, String metricsUrl, FabricSettings fabric, Instant retiredAt) {

    /** The node as {@code caller} may see it: its URLs masked below org-admin. */
    static NodeResponse forCaller(Node node, io.chainwatch.security.Caller caller) {
        NodeResponse full = of(node);
        if (caller.role().atLeast(io.chainwatch.security.Role.ORG_ADMIN)) {
            return full;
        }
        return new NodeResponse(full.id(), full.chainId(), full.orgId(), full.name(),
                io.chainwatch.security.SecretUrls.mask(full.rpcUrl()), full.pollIntervalMs(), full.createdAt(),
                io.chainwatch.security.SecretUrls.mask(full.metricsUrl()), full.fabric(), full.retiredAt());
    }

    static NodeResponse of(Node node) {
        return new NodeResponse(node.id(), node.chainId(), node.orgId(), node.name(), node.rpcUrl(),
                node.pollIntervalMs(), node.createdAt(), node.metricsUrl(), node.fabric(), node.retiredAt());
    }
}
