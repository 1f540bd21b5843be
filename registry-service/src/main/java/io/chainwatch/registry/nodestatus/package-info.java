/**
 * Node status: what the samples on {@code chainwatch.samples} say about each node now. {@link
 * io.chainwatch.registry.nodestatus.SamplesConsumer} (its own consumer group) turns each sample into the node's
 * {@link io.chainwatch.registry.nodestatus.NodeState state}; every change of state is appended to
 * {@code registry.node_state_change} (node, chain, organization, from, to, at, reason — append-only, the record that
 * availability is computed from) and the latest status of each node is upserted in {@code registry.node_status}, both
 * in one transaction per consumer poll, before the offsets are committed. {@link
 * io.chainwatch.registry.nodestatus.NoDataSweep} marks nodes without a sample for three poll intervals
 * {@code no_data}. {@link io.chainwatch.registry.nodestatus.NodeStatusController} serves
 * {@code GET /api/v1/nodes/{id}/status} and {@code GET /api/v1/chains/{id}/status} from the table, so any registry
 * instance answers for every node, scoped to the caller's organization.
 */
package io.chainwatch.registry.nodestatus;
