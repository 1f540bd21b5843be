/**
 * Anchoring the log on a chain: {@link io.chainwatch.registry.ledger.anchor.Anchorer} writes each signed tree head's
 * size and root, oldest first and none skipped, in the data of a transaction on an Ethereum-family chain
 * ({@link io.chainwatch.registry.ledger.anchor.EthereumAnchor}, web3j; docs/adr/0003), stores the transaction hash and
 * block beside the head, and retries while the chain is down; {@code GET /api/v1/ledger/tree-heads/{n}/anchor}
 * shows the anchor and compares the chain's copy with the signed head.
 */
package io.chainwatch.registry.ledger.anchor;
