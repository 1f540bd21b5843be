package io.chainwatch.events;

/**
 * A node to monitor, as registered in the registry.
 *
 * @param nodeId         registry id of the node (also the Kafka key)
 * @param nodeName       human name of the node
 * @param orgId          owning organization id
 * @param orgName        owning organization name (for messages)
 * @param chainId        registry id of the chain (network) the node belongs to
 * @param chainName      human name of the chain
 * @param platform       platform type of the chain, e.g. {@code ETHEREUM}, {@code FABRIC}
 * @param rpcUrl         the node's JSON-RPC endpoint (Ethereum family)
 * @param pollIntervalMs how often to poll the node
 * @param version        registry row version; a consumer ignores a record older than one it already holds
 */
public record NodeTarget(
        String nodeId,
        String nodeName,
        String orgId,
        String orgName,
        String chainId,
        String chainName,
        String platform,
        String rpcUrl,
        long pollIntervalMs,
        long version) {
}
