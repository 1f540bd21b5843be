/**
 * Monitored nodes of a chain. {@code /api/v1/nodes}; names are unique within their chain. Creating or deleting
 * a node writes, in the same transaction, an outbox record for {@code chainwatch.targets}: the node's
 * {@link io.chainwatch.events.NodeTarget}, or a tombstone when it is deleted. The RPC, metrics and Fabric peer
 * addresses must point to ranges the {@code UrlGuard} allows ({@link io.chainwatch.registry.node.NodeUrls}); nodes
 * that come from a platform (provisioning, reconciliation) pass the same checks. A node its platform no longer runs
 * is retired: kept (with {@code retiredAt}), a tombstone stops its polling, and it is never republished until it is
 * reinstated. A Fabric peer with {@code fabric.autoMonitorChannels} gets the channels the collector discovers it has
 * joined added to its channels ({@link io.chainwatch.registry.node.NodeService#monitorDiscoveredChannels}, audited).
 */
package io.chainwatch.registry.node;
