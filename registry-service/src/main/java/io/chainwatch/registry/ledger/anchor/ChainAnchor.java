package io.chainwatch.registry.ledger.anchor;

import java.util.Optional;

/** A chain tree-head roots are written to (one implementation per chain family; Ethereum through web3j today). */
public interface ChainAnchor extends AutoCloseable {

    /** Where a root was written. */
    record Anchored(long chainId, String txHash, long blockNumber, String fromAddress) {
    }

    /** What the chain holds for an anchoring transaction. */
    record OnChain(long chainId, long blockNumber, long treeSize, byte[] rootHash, String fromAddress) {
    }

    /** Writes the root of the tree head of {@code treeSize}; returns once the transaction is in a block. */
    Anchored anchor(long treeSize, byte[] rootHash) throws Exception;

    /** Reads back an anchoring transaction; empty if the chain does not know it. */
    Optional<OnChain> read(String txHash) throws Exception;

    @Override
    void close();
}
