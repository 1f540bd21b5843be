package io.chainwatch.registry.ledger.anchor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.chainwatch.registry.ledger.LedgerRepository;
import io.chainwatch.registry.ledger.MerkleTree;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ledger/tree-heads/{treeSize}/anchor}: where the head's root was written on the chain, and the
 * chain's copy read back now — {@code verified} is true when the transaction on the chain carries this head's size and
 * root.
 */
@RestController
class AnchorController {

    private final JdbcClient jdbc;
    private final LedgerRepository ledger;
    private final Anchorer anchorer;

    AnchorController(JdbcClient jdbc, LedgerRepository ledger, Anchorer anchorer) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.anchorer = anchorer;
    }

    /**
     * @param status         {@code anchored} or {@code pending}
     * @param chainRootHash  the root the chain holds in that transaction ({@code null} if it could not be read)
     * @param verified       whether the chain's copy equals the signed head ({@code null} when not read)
     * @param chainError     why the chain could not be read, if so
     */
    record AnchorView(long treeSize, String rootHash, String status, Long chainId, String txHash, Long blockNumber,
            String fromAddress, Instant anchoredAt, String chainRootHash, Boolean verified, String chainError) {
    }

    @GetMapping("/api/v1/ledger/tree-heads/{treeSize}/anchor")
    AnchorView anchor(@PathVariable long treeSize) {
        LedgerRepository.TreeHead head = ledger.head(treeSize)
                .orElseThrow(() -> new NotFoundException("No signed tree head of size " + treeSize + " exists"));
        String root = MerkleTree.hex(head.rootHash());
        Optional<AnchorView> stored = jdbc.sql("select * from registry.ledger_anchor where tree_size = :size")
                .param("size", treeSize)
                .query((rs, n) -> new AnchorView(treeSize, root, "anchored", rs.getLong("chain_id"),
                        rs.getString("tx_hash"), rs.getLong("block_number"), rs.getString("from_address"),
                        rs.getObject("anchored_at", OffsetDateTime.class).toInstant(), null, null, null))
                .optional();
        if (stored.isEmpty()) {
            if (!anchorer.enabled()) {
                throw new NotFoundException("Anchoring is not configured (chainwatch.registry.ledger.anchor.rpc-url)");
            }
            return new AnchorView(treeSize, root, "pending", null, null, null, null, null, null, null,
                    anchorer.lastError());
        }
        AnchorView anchor = stored.get();
        if (anchorer.chain().isEmpty()) {
            return anchor;
        }
        try {
            Optional<ChainAnchor.OnChain> onChain = anchorer.chain().get().read(anchor.txHash());
            if (onChain.isEmpty()) {
                return withChain(anchor, null, false, "the chain does not know transaction " + anchor.txHash());
            }
            boolean same = onChain.get().treeSize() == treeSize
                    && MerkleTree.same(onChain.get().rootHash(), head.rootHash())
                    && onChain.get().chainId() == anchor.chainId();
            return withChain(anchor, MerkleTree.hex(onChain.get().rootHash()), same, null);
        } catch (Exception e) {
            return withChain(anchor, null, null, "the chain could not be read: " + e.getMessage());
        }
    }

    private static AnchorView withChain(AnchorView a, String chainRoot, Boolean verified, String error) {
        return new AnchorView(a.treeSize(), a.rootHash(), a.status(), a.chainId(), a.txHash(), a.blockNumber(),
                a.fromAddress(), a.anchoredAt(), chainRoot, verified, error);
    }
}
