/**
 * The built-in Ethereum adapter: the standard operations group (ledger summary, transaction list, transaction,
 * block list, monitoring, nodes, chain info) implemented directly on a registered ETHEREUM chain's nodes with
 * web3j, at {@code POST /api/v1/chains/{id}/operations/{operation}}. {@link
 * io.chainwatch.registry.ethereum.EthereumClients} owns the web3j connections (daemon threads).
 */
package io.chainwatch.registry.ethereum;
