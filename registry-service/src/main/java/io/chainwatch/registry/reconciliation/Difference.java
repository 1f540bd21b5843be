package io.chainwatch.registry.reconciliation;

import java.util.UUID;

/**
 * One way ChainWatch and a platform disagreed, and what the run did about it.
 *
 * @param type   {@code NODE_ADDED}, {@code NODE_VANISHED} (retired), {@code NODE_REAPPEARED} (reinstated),
 *               {@code NODE_URL_CHANGED} (followed), {@code NODE_REJECTED} (reported by the platform but not
 *               monitorable, nothing done), {@code CHAIN_VANISHED}, {@code NETWORK_VANISHED} (their nodes retired)
 * @param detail in words, e.g. the old and new URL or why a node was rejected
 */
public record Difference(String type, UUID chainId, String chainName, UUID nodeId, String nodeName, String detail) {
}
