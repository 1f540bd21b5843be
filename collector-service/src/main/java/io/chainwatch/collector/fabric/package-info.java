/**
 * Polls Hyperledger Fabric peers through the Fabric Gateway client (fabric-gateway): per channel the height and
 * current block hash through qscc {@code GetChainInfo}, and block events through Deliver (per block the transaction
 * count, validation codes, commit interval and chaincode names), resumed from the last block seen after a
 * reconnect, and after a restart of the collector when {@code fabric-checkpoint-dir} is set. The collector signs as
 * an organization's identity, found through {@link io.chainwatch.collector.fabric.FabricIdentities} (for now a
 * wallet-like directory; the registry will hold them).
 */
package io.chainwatch.collector.fabric;
