package io.chainwatch.registry.ledger;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an exported log against its signed tree heads, trusting nothing but the log's public key:
 * <ol>
 * <li>every tree head's signature (RFC 6962 TreeHeadSignature) verifies with the key;</li>
 * <li>the entries are leaves 0, 1, 2 … with none missing, doubled or out of order;</li>
 * <li>each entry's leaf hash is {@code SHA-256(0x00 || data)} recomputed from its data (when the export carries the
 * data), and the log's signature over (index, appended-at, leaf hash) verifies — so an entry changed, or moved to
 * another place, is named;</li>
 * <li>for every tree head, the Merkle tree head recomputed over the first {@code tree_size} exported entries equals
 * the signed root.</li>
 * </ol>
 * The result names the first bad entry and the first tree head the export contradicts.
 */
public final class LogVerification {

    /** One exported leaf; {@code data} null when the export withholds it (another organization's entry). */
    public record Leaf(long index, long appendedAtMs, byte[] leafHash, byte[] signature, byte[] data) {
    }

    /** One signed tree head. */
    public record Head(long treeSize, byte[] rootHash, long timestampMs, byte[] signature) {
    }

    /**
     * @param firstBadEntry     the index of the first entry found bad ({@code -1}: none)
     * @param firstBadReason    why
     * @param firstBadHead      the size of the first tree head the export contradicts ({@code -1}: none)
     * @param firstBadHeadReason why
     * @param problems          every problem found, in order
     */
    public record Result(long entries, long heads, long firstBadEntry, String firstBadReason, long firstBadHead,
            String firstBadHeadReason, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LogVerification() {
    }

    public static Result verify(List<Leaf> leaves, List<Head> heads, PublicKey key) {
        List<String> problems = new ArrayList<>();
        long firstBad = -1;
        String firstBadReason = null;
        List<byte[]> hashes = new ArrayList<>(leaves.size());
        for (int position = 0; position < leaves.size(); position++) {
            Leaf leaf = leaves.get(position);
            String problem = null;
            long at = position;
            if (leaf.index() > position) {
                problem = "missing: the export jumps from entry " + (position - 1) + " to entry " + leaf.index()
                        + " (deleted?)";
            } else if (leaf.index() < position) {
                at = leaf.index();
                problem = "entry " + leaf.index() + " appears again at position " + position + " (doubled or out of order)";
            }
            byte[] hash = leaf.data() != null ? MerkleTree.leafHash(leaf.data()) : leaf.leafHash();
            hashes.add(hash);
            if (problem == null && leaf.data() != null && leaf.leafHash() != null
                    && !MerkleTree.same(hash, leaf.leafHash())) {
                problem = "its data does not hash to the stored leaf hash (changed)";
            }
            if (problem == null && !LogSignatures.verify(key, LogSignatures.entryBytes(position, leaf.appendedAtMs(),
                    hash), leaf.signature())) {
                problem = "the log's signature does not match this data at this place (changed, or moved here from"
                        + " another place)";
            }
            if (problem != null) {
                problems.add("entry " + at + ": " + problem);
                if (firstBad < 0) {
                    firstBad = at;
                    firstBadReason = problem;
                }
            }
        }
        long firstBadHead = -1;
        String firstBadHeadReason = null;
        for (Head head : heads.stream().sorted(java.util.Comparator.comparingLong(Head::treeSize)).toList()) {
            String problem = null;
            if (!LogSignatures.verify(key, LogSignatures.treeHeadBytes(head.timestampMs(), head.treeSize(),
                    head.rootHash()), head.signature())) {
                problem = "its signature does not verify with the log key (the head itself was altered)";
            } else if (head.treeSize() > hashes.size()) {
                problem = "it covers " + head.treeSize() + " entries, the export has only " + hashes.size();
            } else {
                byte[] root = MerkleTree.root(hashes.subList(0, (int) head.treeSize()));
                if (!MerkleTree.same(root, head.rootHash())) {
                    problem = "the exported entries give the root " + MerkleTree.hex(root) + ", the signed head says "
                            + MerkleTree.hex(head.rootHash());
                }
            }
            if (problem != null) {
                problems.add("tree head of size " + head.treeSize() + ": " + problem);
                if (firstBadHead < 0) {
                    firstBadHead = head.treeSize();
                    firstBadHeadReason = problem;
                }
            }
        }
        return new Result(leaves.size(), heads.size(), firstBad, firstBadReason, firstBadHead, firstBadHeadReason,
                problems);
    }
}
