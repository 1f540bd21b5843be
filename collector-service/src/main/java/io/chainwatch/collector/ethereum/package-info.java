/**
 * Polls Ethereum-family nodes (geth, Besu, Nethermind, anvil, ganache, hardhat, ...) over HTTP JSON-RPC with web3j:
 * web3j's typed requests, one web3j batch per poll, sent by {@link io.chainwatch.collector.ethereum.JsonRpcService}
 * (a {@code Web3jService} over the collector's shared OkHttp client, strict about what an answer must be); a node
 * that refuses batches is polled with single requests. A method the node does not offer makes its readings
 * "unsupported", not the node down ({@link io.chainwatch.collector.ethereum.Capabilities}); hex and decimal numbers are
 * both read ({@link io.chainwatch.collector.ethereum.Quantities}); a node answering every call with a JSON-RPC error
 * is {@code ERRORING}. Each node's recent chain is held by a {@link io.chainwatch.collector.ethereum.HeadTracker}
 * (block interval, TPS, reorganizations and their depth), fed by polls and, where the node offers it, a WebSocket
 * {@code newHeads} subscription ({@link io.chainwatch.collector.ethereum.HeadSubscription}, on the JDK's WebSocket
 * client: no thread per connection, see ADR 0005), whose head after a silence of more than twice the poll interval has
 * the node polled at once; without WebSocket, a silent node's block number is checked between polls for the same
 * purpose ({@link io.chainwatch.collector.ethereum.SilenceWatch}); a new genesis hash or chain id is a chain reset, a head going back without a reorg a
 * height regression (both readings of the sample). Transport failures are classified into a {@code PollOutcome}
 * ({@link io.chainwatch.collector.ethereum.PollFailure}); answers are cut off past a size limit
 * ({@link io.chainwatch.collector.ethereum.ResponseSizeLimit}).
 */
package io.chainwatch.collector.ethereum;
