package io.chainwatch.registry.ledger;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.chainwatch.registry.ledger.MerkleTree.unhex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree against the published test vectors of transparency-dev/merkle ({@code proof/verify_test.go}: eight leaves,
 * the roots of every prefix, inclusion and consistency proofs), which are the RFC 6962 reference values, and against
 * the corruptions that file tries (wrong index, size, leaf, root; a bit flipped, a hash added or removed).
 */
class MerkleTreeTest {

    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};

    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** leaf (0-based), size, proof. */
    private static final Object[][] INCLUSION = {
            {0, 8, new String[] {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
            {5, 8, new String[] {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
            {2, 3, new String[] {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
            {1, 5, new String[] {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
            {0, 1, new String[] {}}};

    /** size1, size2, proof. */
    private static final Object[][] CONSISTENCY = {
            {1, 8, new String[] {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
            {6, 8, new String[] {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
            {2, 5, new String[] {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
            {6, 7, new String[] {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
            {1, 1, new String[] {}}};

    private static List<byte[]> leafHashes() {
        List<byte[]> hashes = new ArrayList<>();
        for (String leaf : LEAVES) {
            hashes.add(MerkleTree.leafHash(unhex(leaf)));
        }
        return hashes;
    }

    private static List<byte[]> hashes(String[] hex) {
        return java.util.Arrays.stream(hex).map(MerkleTree::unhex).toList();
    }

    @Test
    void rootsOfEveryPrefixMatchTheReferenceValues() {
        List<byte[]> leaves = leafHashes();
        for (int size = 1; size <= 8; size++) {
            assertThat(MerkleTree.hex(MerkleTree.root(leaves.subList(0, size)))).as("size " + size)
                    .isEqualTo(ROOTS[size - 1]);
        }
        assertThat(MerkleTree.hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void inclusionProofsAreTheReferenceProofsAndVerify() {
        List<byte[]> leaves = leafHashes();
        for (Object[] vector : INCLUSION) {
            int index = (int) vector[0];
            int size = (int) vector[1];
            List<byte[]> expected = hashes((String[]) vector[2]);
            List<byte[]> proof = MerkleTree.inclusionProof(leaves, index, size);
            assertThat(proof.stream().map(MerkleTree::hex).toList()).as(index + "@" + size)
                    .isEqualTo(expected.stream().map(MerkleTree::hex).toList());
            byte[] root = unhex(ROOTS[size - 1]);
            byte[] leaf = leaves.get(index);
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, proof, root)).isTrue();
            // corruptions that must all fail
            assertThat(MerkleTree.verifyInclusion(index + 1, size, leaf, proof, root)).isFalse();
            assertThat(MerkleTree.verifyInclusion(index ^ 2, size, leaf, proof, root)).isFalse();
            assertThat(MerkleTree.verifyInclusion(index, size * 2L, leaf, proof, root)).isFalse();
            assertThat(MerkleTree.verifyInclusion(index, size, MerkleTree.leafHash("wrong".getBytes()), proof, root))
                    .isFalse();
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, proof, MerkleTree.root(List.of()))).isFalse();
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, with(proof, proof.size(), root), root)).isFalse();
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, with(proof, 0, root), root)).isFalse();
            for (int i = 0; i < proof.size(); i++) {
                assertThat(MerkleTree.verifyInclusion(index, size, leaf, flipped(proof, i), root)).isFalse();
            }
            if (!proof.isEmpty()) {
                assertThat(MerkleTree.verifyInclusion(index, size, leaf, proof.subList(0, proof.size() - 1), root))
                        .isFalse();
            }
        }
    }

    @Test
    void consistencyProofsAreTheReferenceProofsAndVerify() {
        List<byte[]> leaves = leafHashes();
        for (Object[] vector : CONSISTENCY) {
            int first = (int) vector[0];
            int second = (int) vector[1];
            List<byte[]> expected = hashes((String[]) vector[2]);
            List<byte[]> proof = MerkleTree.consistencyProof(leaves, first, second);
            assertThat(proof.stream().map(MerkleTree::hex).toList()).as(first + "->" + second)
                    .isEqualTo(expected.stream().map(MerkleTree::hex).toList());
            byte[] root1 = unhex(ROOTS[first - 1]);
            byte[] root2 = unhex(ROOTS[second - 1]);
            assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, proof)).isTrue();
            if (proof.isEmpty()) {
                continue;
            }
            assertThat(MerkleTree.verifyConsistency(first - 1, second, root1, root2, proof)).isFalse();
            assertThat(MerkleTree.verifyConsistency(first + 1, second, root1, root2, proof)).isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second * 2L, root1, root2, proof)).isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second, root2, root1, proof)).isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, List.of())).isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, with(proof, proof.size(), root2)))
                    .isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, with(proof, 0, proof.get(0))))
                    .isFalse();
            assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, proof.subList(0, proof.size() - 1)))
                    .isFalse();
            for (int i = 0; i < proof.size(); i++) {
                assertThat(MerkleTree.verifyConsistency(first, second, root1, root2, flipped(proof, i))).isFalse();
            }
        }
    }

    @Test
    void everyProofOfEveryTreeUpTo40LeavesVerifies() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.add(MerkleTree.leafHash(("entry " + i).getBytes()));
        }
        for (int size = 1; size <= leaves.size(); size++) {
            byte[] root = MerkleTree.root(leaves.subList(0, size));
            for (int index = 0; index < size; index++) {
                assertThat(MerkleTree.verifyInclusion(index, size, leaves.get(index),
                        MerkleTree.inclusionProof(leaves, index, size), root)).as(index + "@" + size).isTrue();
            }
            for (int first = 1; first <= size; first++) {
                byte[] firstRoot = MerkleTree.root(leaves.subList(0, first));
                assertThat(MerkleTree.verifyConsistency(first, size, firstRoot, root,
                        MerkleTree.consistencyProof(leaves, first, size))).as(first + "->" + size).isTrue();
            }
        }
    }

    private static List<byte[]> with(List<byte[]> proof, int at, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(at, extra);
        return copy;
    }

    private static List<byte[]> flipped(List<byte[]> proof, int i) {
        List<byte[]> copy = new ArrayList<>(MerkleTree.copy(proof));
        copy.get(i)[0] ^= 8;
        return copy;
    }
}
