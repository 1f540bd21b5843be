/**
 * Polls Ethereum-family nodes (geth, Besu, Nethermind, anvil, ...) over HTTP JSON-RPC with web3j: one batched
 * request per poll. A method the node does not offer makes its readings "unsupported", not the node down
 * ({@link io.chainwatch.collector.ethereum.Capabilities}); hex and decimal numbers are both read
 * ({@link io.chainwatch.collector.ethereum.Quantities}). Each node's recent chain is held by a
 * {@link io.chainwatch.collector.ethereum.HeadTracker} (block interval, TPS, reorganizations and their depth), fed by
 * polls and, where the node offers it, a WebSocket {@code newHeads} subscription
 * ({@link io.chainwatch.collector.ethereum.HeadSubscription}). Transport failures are classified into a
 * {@code PollOutcome} ({@link io.chainwatch.collector.ethereum.PollFailure}); answers are cut off past a size limit
 * ({@link io.chainwatch.collector.ethereum.ResponseSizeLimit}).
 */
package io.chainwatch.collector.ethereum;
