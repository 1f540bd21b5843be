package io.chainwatch.registry.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 §2.1 (the same as RFC 6962 §2.1) with SHA-256: leaf hash
 * {@code SHA-256(0x00 || data)}, interior node {@code SHA-256(0x01 || left || right)}, the tree over {@code n} leaves
 * split at the largest power of two smaller than {@code n}. Computes tree heads ({@code MTH}), inclusion proofs
 * ({@code PATH}) and consistency proofs ({@code PROOF}) from the leaf hashes, and verifies both kinds of proof with the
 * algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2. No Spring, no database: the verifier command uses it as it is.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** {@code MTH(D[n])} over the given leaf hashes; the empty tree's head is {@code SHA-256()}. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        return subtree(leafHashes, 0, leafHashes.size());
    }

    /** {@code PATH(m, D[n])}: the audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long index, long size) {
        if (index < 0 || size > leafHashes.size() || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size
                    + " (log size " + leafHashes.size() + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        path((int) index, leafHashes, 0, (int) size, proof);
        return proof;
    }

    /** {@code PROOF(m, D[n])}: the consistency proof from the tree of size {@code first} to that of {@code second}. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long first, long second) {
        if (first < 0 || first > second || second > leafHashes.size()) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second
                    + " (log size " + leafHashes.size() + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        if (first == 0 || first == second) {
            return proof;
        }
        subproof((int) first, leafHashes, 0, (int) second, true, proof);
        return proof;
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} proves leaf {@code index} with {@code leafHash} in {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null || leafHash.length != 32) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p == null || p.length != 32 || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 §2.1.4.2: whether {@code proof} proves that the tree {@code (second, secondRoot)} extends {@code (first, firstRoot)}. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (first < 0 || first > second || firstRoot == null || secondRoot == null) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        for (byte[] p : path) {
            if (p == null || p.length != 32) {
                return false;
            }
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    /** {@code MTH(D[from:to])}, {@code to > from}. */
    static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }

    private static void path(int m, List<byte[]> leaves, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, leaves, from, from + k, out);
            out.add(subtree(leaves, from + k, to));
        } else {
            path(m - k, leaves, from + k, to, out);
            out.add(subtree(leaves, from, from + k));
        }
    }

    private static void subproof(int m, List<byte[]> leaves, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtree(leaves, from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, leaves, from, from + k, complete, out);
            out.add(subtree(leaves, from + k, to));
        } else {
            subproof(m - k, leaves, from + k, to, false, out);
            out.add(subtree(leaves, from, from + k));
        }
    }

    /** The largest power of two smaller than {@code n} ({@code n >= 2}). */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lowercase hex. */
    public static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    /** Whether two hashes are equal (constant time). */
    public static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    static List<byte[]> copy(List<byte[]> hashes) {
        return hashes.stream().map(h -> Arrays.copyOf(h, h.length)).toList();
    }
}
