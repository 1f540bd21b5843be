package io.chainwatch.registry.fabric.qscc;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/**
 * The queries of a Fabric peer's system chaincode {@code qscc} the registry uses, over one open connection. A peer
 * that cannot be reached or answers an error raises {@link io.chainwatch.registry.web.PlatformCallException}
 * (502).
 */
public interface Qscc extends AutoCloseable {

    /** {@code GetChainInfo(channel)}: height and the current and previous block hashes. */
    BlockchainInfo chainInfo(String channel);

    /** {@code GetBlockByNumber(channel, number)}: a committed block, with its validation metadata. */
    Block block(String channel, long number);

    /** {@code GetTransactionByID(channel, txId)}: the transaction's envelope and validation code. */
    ProcessedTransaction transaction(String channel, String txId);

    /** {@code GetBlockByTxID(channel, txId)}: the block that holds the transaction. */
    Block blockOfTransaction(String channel, String txId);

    /**
     * {@code _lifecycle} {@code QueryChaincodeDefinitions} on {@code channel}: the chaincodes defined (committed) on
     * it, each with name, version, sequence, plugins, endorsement policy and collections.
     */
    default org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult chaincodeDefinitions(
            String channel) {
        throw new io.chainwatch.registry.web.PlatformCallException("_lifecycle queries are not offered here", null);
    }

    /**
     * {@code _lifecycle} {@code QueryChaincodeDefinition} of chaincode {@code name} on {@code channel}: its committed
     * definition and which organizations approved it. A chaincode not defined there is a
     * {@link io.chainwatch.registry.web.NotFoundException}.
     */
    default org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult chaincodeDefinition(
            String channel, String name) {
        throw new io.chainwatch.registry.web.PlatformCallException("_lifecycle queries are not offered here", null);
    }

    /**
     * {@code _lifecycle} {@code CheckCommitReadiness} on {@code channel}: for the definition in {@code args} (its
     * sequence must be the committed one + 1), which organizations have approved exactly that definition.
     */
    default org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult checkCommitReadiness(
            String channel, org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs args) {
        throw new io.chainwatch.registry.web.PlatformCallException("_lifecycle queries are not offered here", null);
    }

    /** Closes the connection; never throws. */
    @Override
    void close();
}
