/**
 * Polls Hyperledger Fabric peers through the Fabric Gateway client (fabric-gateway): per channel the height and
 * current block hash through qscc {@code GetChainInfo}, and block events through Deliver (per block the transaction
 * count, validation codes, commit interval and chaincode names), resumed from the last block seen after a
 * reconnect, and after a restart of the collector when {@code fabric-checkpoint-dir} is set. The collector signs as
 * an organization's identity, found through {@link io.chainwatch.collector.fabric.FabricIdentities}: the one the
 * registry holds, sealed into the node's target for the collectors' key, or else one from a wallet-like directory.
 */
package io.chainwatch.collector.fabric;
