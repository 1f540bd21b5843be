/**
 * Polls Hyperledger Fabric nodes. Peers through the Fabric Gateway client (fabric-gateway): per channel the height
 * and current block hash through qscc {@code GetChainInfo}, and block events through Deliver (per block the
 * transaction count, validation codes, commit interval and chaincode names), resumed from the last block seen after a
 * reconnect, after an edit of the node (the new target's probe continues the old one's streams) and after a restart
 * of the collector when {@code fabric-checkpoint-dir} is set; a block delivered after a silence of more than twice
 * the poll interval has the node polled at once ({@code NodeProbe.onNews}); a listed channel the
 * peer has not joined is an ERRORING channel sample "peer has not joined channel X". Over the same connection
 * {@link io.chainwatch.collector.fabric.FabricDiscovery} asks the peer, at the first poll and then every minute, for
 * the channels it has joined (cscc {@code GetChannels}) and the peers of each watched channel (discovery service),
 * reported in the samples' info (joined, monitored, joined but not monitored; a channel's peers). Orderers (and nodes registered
 * without a peer endpoint) through their operations {@code /metrics} and channel participation API
 * ({@link io.chainwatch.collector.fabric.OrdererNodeProbe}: Raft leader, cluster, height, status, submitted and
 * rejected broadcasts per channel). A failing channel or node is logged at WARN once, when its error starts. The
 * collector signs as an organization's identity, found through
 * {@link io.chainwatch.collector.fabric.FabricIdentities}: the one the registry holds, sealed into the node's target
 * for the collectors' key, or else one from a wallet-like directory.
 *
 * <p>Nothing here depends on Fabric 2.x-only behaviour: no lscc, no system channel (the participation API's
 * {@code systemChannel} is ignored), and block metadata is read only for {@code TRANSACTIONS_FILTER} (index 2, the
 * same in Fabric 3), never the Raft consenter metadata of {@code SIGNATURES}.
 */
package io.chainwatch.collector.fabric;
