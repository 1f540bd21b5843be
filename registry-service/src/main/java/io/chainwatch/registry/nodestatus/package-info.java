/**
 * Node status: what the samples on {@code chainwatch.samples} say about each node now, and over the last day. {@link
 * io.chainwatch.registry.nodestatus.SamplesConsumer} (its own consumer group) turns each sample into the node's
 * {@link io.chainwatch.registry.nodestatus.NodeState state}; every change of state is appended to
 * {@code registry.node_state_change} (node, chain, organization, from, to, at, reason — append-only, the record that
 * availability is computed from), the latest status of each node is upserted in {@code registry.node_status}, and
 * its height, block interval, TPS and peers are kept per 10 s bucket for a day in {@code registry.node_history}
 * ({@link io.chainwatch.registry.nodestatus.NodeHistoryStore}), all in one transaction per consumer poll, before the
 * offsets are committed. {@link io.chainwatch.registry.nodestatus.NoDataSweep} marks nodes without a sample for
 * three poll intervals {@code no_data}. {@link io.chainwatch.registry.nodestatus.NodeStatusController} serves
 * {@code GET /api/v1/nodes/{id}/status}, {@code GET /api/v1/chains/{id}/status} and their {@code /history} from the
 * tables, so any registry instance answers for every node, scoped to the caller's organization; a Fabric peer's
 * status includes what the collector discovered (joined channels, the channels' peers).
 * {@link io.chainwatch.registry.nodestatus.DiscoveredChannels} adds a peer's joined channels to its node when the
 * node's {@code fabric.autoMonitorChannels} is on.
 */
package io.chainwatch.registry.nodestatus;
