/**
 * Polls Ethereum-family nodes (geth, Besu, Nethermind, anvil, ...) over HTTP JSON-RPC with web3j: one batched
 * request per poll. A method the node does not offer (an RPC error in its answer) makes that reading
 * "unsupported", not the node down. Transport failures are classified into a {@code PollOutcome}.
 */
package io.chainwatch.collector.ethereum;
