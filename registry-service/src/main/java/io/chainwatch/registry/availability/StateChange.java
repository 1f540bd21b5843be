package io.chainwatch.registry.availability;

import java.time.Instant;
import java.util.UUID;

/**
 * One durable node state change, in the shape of the table {@code node_state_change} (append-only: node, chain,
 * organization, from, to, at, reason) that the registry's node status records.
 *
 * @param from   the state before ({@code null} for the node's first record)
 * @param to     the state from {@code at} on: {@code UP}, {@code STALLED}, {@code ERRORING}, {@code UNREACHABLE} …
 * @param reason why (the poll's error, "no new block for 60 s" …)
 */
public record StateChange(UUID nodeId, UUID chainId, UUID orgId, String from, String to, Instant at, String reason) {
}
