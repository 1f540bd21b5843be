package io.chainwatch.alert.evaluate;

import java.time.Instant;
import java.util.List;

/**
 * The values around a transition, for messages.
 *
 * @param bestHeight      the chain's best height over its nodes, null when unknown
 * @param bestHeightSince poll time of the first sample that showed {@code bestHeight}
 * @param nodes           the node concerned (node rules) or every node of the chain (chain rules)
 */
public record Snapshot(
        String orgId,
        String orgName,
        String chainId,
        String chainName,
        Double bestHeight,
        Instant bestHeightSince,
        List<NodeView> nodes) {
}
