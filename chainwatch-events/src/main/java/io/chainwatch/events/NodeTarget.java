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
 * @param metricsUrl     the node's own Prometheus metrics endpoint (geth {@code /debug/metrics/prometheus}, Besu
 *                       {@code /metrics}, a Fabric peer's or orderer's operations {@code /metrics}), or {@code null}
 * @param fabric         how to reach a Fabric peer (platform {@code FABRIC}), or {@code null}
 * @param allianceIds    registry ids of the alliances the node's chain serves (through a business chain); empty
 *                       when none — alert rules can be scoped by alliance
 */
public record NodeTarget(
        java.util.UUID nodeId,
        String nodeName,
        java.util.UUID orgId,
        String orgName,
        java.util.UUID chainId,
        String chainName,
        String platform,
        String rpcUrl,
        long pollIntervalMs,
        long version,
        String metricsUrl,
        FabricTarget fabric,
        java.util.List<java.util.UUID> allianceIds) {

    public NodeTarget {
        allianceIds = allianceIds == null ? java.util.List.of() : java.util.List.copyOf(allianceIds);
    }
}
