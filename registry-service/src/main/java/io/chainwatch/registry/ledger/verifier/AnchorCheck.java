package io.chainwatch.registry.ledger.verifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chainwatch.registry.ledger.MerkleTree;
import io.chainwatch.registry.ledger.anchor.ChainAnchor;

/**
 * Compares the signed tree heads of an export with their anchors as the chain holds them: each anchoring transaction
 * must be in the block the export names, on the chain it names, sent by the anchoring address, and carry the head's
 * size and root. Anchoring goes oldest head first, none skipped, so a head older than the newest anchored one must
 * have an anchor too; heads newer than that are waiting (a note, not a failure).
 *
 * <p>What this adds to the signatures: the operator holds the log key and could rewrite the log and sign new heads
 * over it; an anchored root cannot be rewritten, so a rewritten log contradicts the chain's copy.
 */
final class AnchorCheck {

    /** One anchor as the export states it. */
    record Anchor(long treeSize, long chainId, String txHash, long blockNumber, String fromAddress) {
    }

    /**
     * @param verified       anchors whose transaction carries exactly the head's size and root
     * @param waiting        sizes of the heads newer than the newest anchor (not anchored yet)
     * @param firstBadHead   size of the first head whose anchor is missing or contradicts it ({@code -1}: none)
     * @param firstBadReason why
     * @param problems       every problem found
     */
    record Result(int verified, List<Long> waiting, long firstBadHead, String firstBadReason, List<String> problems) {
    }

    /** The chain could not be asked (down, wrong URL): nothing can be concluded about the anchors. */
    static final class ChainUnreadable extends Exception {
        ChainUnreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AnchorCheck() {
    }

    /**
     * @param heads          signed roots of the export by tree size (their signatures are checked elsewhere)
     * @param pinnedAddress  the anchoring address the auditor trusts, or null to require only that one address sent
     *                       every anchor
     */
    static Result check(Map<Long, byte[]> heads, List<Anchor> anchors, ChainAnchor chain, String pinnedAddress)
            throws ChainUnreadable {
        List<String> problems = new ArrayList<>();
        long[] firstBad = {-1};
        String[] firstReason = {null};
        java.util.function.BiConsumer<Long, String> bad = (size, why) -> {
            problems.add("tree head of size " + size + ": " + why);
            if (firstBad[0] < 0 || size < firstBad[0]) {
                firstBad[0] = size;
                firstReason[0] = why;
            }
        };
        List<Anchor> sorted = anchors.stream().sorted(Comparator.comparingLong(Anchor::treeSize)).toList();
        String sender = pinnedAddress;
        int verified = 0;
        for (Anchor anchor : sorted) {
            byte[] root = heads.get(anchor.treeSize());
            if (root == null) {
                bad.accept(anchor.treeSize(), "anchored in transaction " + anchor.txHash()
                        + ", but the export has no signed head of this size (removed?)");
                continue;
            }
            Optional<ChainAnchor.OnChain> onChain;
            try {
                onChain = chain.read(anchor.txHash());
            } catch (Exception e) {
                throw new ChainUnreadable("cannot read transaction " + anchor.txHash() + " from the chain: "
                        + e.getMessage(), e);
            }
            if (onChain.isEmpty()) {
                bad.accept(anchor.treeSize(), "its anchoring transaction " + anchor.txHash()
                        + " is not in a block of this chain, or carries no anchor");
                continue;
            }
            ChainAnchor.OnChain copy = onChain.get();
            if (copy.treeSize() != anchor.treeSize() || !MerkleTree.same(copy.rootHash(), root)) {
                bad.accept(anchor.treeSize(), "the chain's copy (transaction " + anchor.txHash() + ", block "
                        + copy.blockNumber() + ") is size " + copy.treeSize() + " with root "
                        + MerkleTree.hex(copy.rootHash()) + ", the signed head says root " + MerkleTree.hex(root)
                        + " (the log was rewritten after it was anchored)");
            } else if (copy.chainId() != anchor.chainId() || copy.blockNumber() != anchor.blockNumber()) {
                bad.accept(anchor.treeSize(), "the export places its anchor on chain " + anchor.chainId() + " block "
                        + anchor.blockNumber() + ", the transaction is on chain " + copy.chainId() + " block "
                        + copy.blockNumber());
            } else if (sender != null && !sender.equalsIgnoreCase(copy.fromAddress())) {
                bad.accept(anchor.treeSize(), "anchored by " + copy.fromAddress() + ", not by "
                        + (pinnedAddress != null ? "the pinned anchoring address " : "the address of the earlier anchors ")
                        + sender);
            } else {
                sender = sender == null ? copy.fromAddress() : sender;
                verified++;
            }
        }
        long newestAnchored = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).treeSize();
        List<Long> waiting = new ArrayList<>();
        java.util.Set<Long> anchoredSizes = new java.util.HashSet<>();
        sorted.forEach(a -> anchoredSizes.add(a.treeSize()));
        for (long size : heads.keySet().stream().sorted().toList()) {
            if (anchoredSizes.contains(size)) {
                continue;
            }
            if (size < newestAnchored) {
                bad.accept(size, "not anchored, though the newer head of size " + newestAnchored + " is (heads are"
                        + " anchored oldest first, none skipped: its anchor is missing from the export)");
            } else {
                waiting.add(size);
            }
        }
        return new Result(verified, waiting, firstBad[0], firstReason[0], problems);
    }
}
