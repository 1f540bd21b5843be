/**
 * Monitored nodes of a chain. {@code /api/v1/nodes}; names are unique within their chain. Creating or deleting
 * a node writes, in the same transaction, an outbox record for {@code chainwatch.targets}: the node's
 * {@link io.chainwatch.events.NodeTarget}, or a tombstone when it is deleted. The RPC, metrics and Fabric peer
 * addresses must point to ranges the {@code UrlGuard} allows ({@link io.chainwatch.registry.node.NodeUrls}).
 */
package io.chainwatch.registry.node;
