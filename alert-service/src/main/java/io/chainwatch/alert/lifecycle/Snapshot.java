package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The values around a transition, for messages.
 *
 * @param bestHeight      the chain's best height over its nodes, null when unknown
 * @param bestHeightSince poll time of the first sample that showed {@code bestHeight}
 * @param nodes           the node concerned (node rules) or every node of the chain (chain rules)
 * @param channel         the Fabric channel the alert is about, null when it is about the chain or a node as a whole
 */
public record Snapshot(
        UUID orgId,
        String orgName,
        UUID chainId,
        String chainName,
        Double bestHeight,
        Instant bestHeightSince,
        List<NodeView> nodes,
        String channel) {

    /** A snapshot about the chain or a node as a whole (no channel). */
    public Snapshot(UUID orgId, String orgName, UUID chainId, String chainName, Double bestHeight,
                    Instant bestHeightSince, List<NodeView> nodes) {
        this(orgId, orgName, chainId, chainName, bestHeight, bestHeightSince, nodes, null);
    }
}
