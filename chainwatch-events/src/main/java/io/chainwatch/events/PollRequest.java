package io.chainwatch.events;

import java.util.List;

/**
 * A request for an immediate poll of some of a chain's nodes, on {@link Topics#POLL_REQUESTS}.
 *
 * @param chainId       registry id of the chain (the Kafka key)
 * @param nodeIds       nodes to poll now; empty means every node of the chain
 * @param requestedAtMs when it was asked, epoch milliseconds (a collector ignores requests older than a few seconds)
 * @param reason        why, for logs (e.g. {@code "confirm chain_stalled deadline"})
 */
public record PollRequest(java.util.UUID chainId, List<java.util.UUID> nodeIds, long requestedAtMs, String reason) {

    public PollRequest {
        nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
    }
}
