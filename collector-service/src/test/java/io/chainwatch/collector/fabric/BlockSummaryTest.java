package io.chainwatch.collector.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.chainwatch.testkit.fabric.FabricFixtures;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Block summaries of the real blocks of a Fabric 2.5.5 channel (and the test peer's hashes checked against them). */
class BlockSummaryTest {

    private static Block block(String name) throws Exception {
        return Block.parseFrom(FabricFixtures.bytes(name + ".pb"));
    }

    @Test
    void theConfigBlockHasOneValidTransactionAndNoChaincode() throws Exception {
        BlockSummary genesis = BlockSummary.of(block("block-0"));

        assertThat(genesis.number()).isZero();
        assertThat(genesis.txCount()).isEqualTo(1);
        assertThat(genesis.validationCodes()).containsExactly(TxValidationCode.VALID);
        assertThat(genesis.chaincodes()).isEmpty();
        assertThat(Instant.ofEpochMilli(genesis.timestampMs())).isEqualTo(Instant.parse("2026-11-22T01:57:51Z"));
    }

    @Test
    void lifecycleAndChaincodeTransactionsNameTheirChaincode() throws Exception {
        assertThat(BlockSummary.of(block("block-1")).chaincodes()).containsExactly("_lifecycle");
        assertThat(BlockSummary.of(block("block-2")).chaincodes()).containsExactly("_lifecycle");
        assertThat(BlockSummary.of(block("block-3")).chaincodes()).containsExactly("simple");
        assertThat(BlockSummary.of(block("block-7")).chaincodes()).containsExactly("simple");
    }

    @Test
    void anMvccReadConflictIsCountedInvalidByItsCode() throws Exception {
        BlockSummary five = BlockSummary.of(block("block-5"));

        assertThat(five.number()).isEqualTo(5);
        assertThat(five.txCount()).isEqualTo(2);
        assertThat(five.validationCodes()).containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(five.valid()).isEqualTo(1);
        assertThat(five.invalidByCode()).isEqualTo(Map.of("MVCC_READ_CONFLICT", 1));
        // the newest of its two transactions' timestamps
        assertThat(Instant.ofEpochMilli(five.timestampMs())).isEqualTo(Instant.parse("2026-11-22T02:36:00.127Z"));
    }

    @Test
    void aBlockFromTheOrdererHasNoValidationCodesYet() throws Exception {
        BlockSummary fromOrderer = BlockSummary.of(block("block-5-from-orderer"));

        assertThat(fromOrderer.txCount()).isEqualTo(2);
        assertThat(fromOrderer.validationCodes()).isEmpty();
        assertThat(fromOrderer.valid()).isZero();
        assertThat(fromOrderer.invalidByCode()).isEmpty();
    }

    @Test
    void threeTransactionsOfBlockSixAreAllValid() throws Exception {
        BlockSummary six = BlockSummary.of(block("block-6"));

        assertThat(six.txCount()).isEqualTo(3);
        assertThat(six.valid()).isEqualTo(3);
        assertThat(Instant.ofEpochMilli(six.timestampMs())).isEqualTo(Instant.parse("2026-11-22T02:36:06.165Z"));
    }

    @Test
    void theTestPeerHashesBlocksAsFabricDoes() throws Exception {
        // header hashes from the capture's README; each is the next block's previous_hash
        List<String> hashes = List.of("bAA8HN9pzA4jVCZfieLI3HBPp6R04gjSVFbTSLZxk3M=",
                "syg4FdfQH3ZKSTYsTBD92tWuLFpD8qn8th0Gbe6W2ZY=", "4T07P3lkxFvSfQVRtaj+MXVTxy5t/duXalC4wZxdBiw=",
                "/4nZ/3yn7qe+qk0RVsAwAjFTo02C2rckoV6OMeqJXz8=", "8Gnj1dMkL5Oh3xLAD3sG2BrlFPHFqjHekPqLZePTNaM=",
                "QLtEiJJsL6Bl4f7MKiew81U9TkGIy0aT7spZ5MTiKPs=", "VNPU0EQGfpSeDiYjcq9g3h6Idfy1gmJ9kzHKxOgnDfQ=",
                "OMBvay9cmcgCiXoAx7EQXJ3xKbYTOcLwaLztj8idwYo=");
        for (int n = 0; n < 8; n++) {
            Block b = block("block-" + n);
            assertThat(b.getHeader().getNumber()).isEqualTo(n);
            assertThat(Base64.getEncoder().encodeToString(TestFabricPeer.headerHash(b.getHeader()))).isEqualTo(hashes.get(n));
            if (n > 0) {
                assertThat(Base64.getEncoder().encodeToString(b.getHeader().getPreviousHash().toByteArray()))
                        .isEqualTo(hashes.get(n - 1));
            }
        }
        BlockchainInfo info = BlockchainInfo.parseFrom(FabricFixtures.bytes("chaininfo.pb"));
        assertThat(info.getHeight()).isEqualTo(8);
        assertThat(Base64.getEncoder().encodeToString(info.getCurrentBlockHash().toByteArray())).isEqualTo(hashes.get(7));
    }

    /**
     * Fabric 3 (SmartBFT orderers) writes blocks whose SIGNATURES metadata holds several consenters' signatures, each
     * with an {@code IdentifierHeader} (consenter id and nonce) instead of a signature header, and no Raft consenter
     * metadata; LAST_CONFIG is unused. Built here from the Fabric 3 protos of fabric-protos 0.3.7 around the real
     * block 5 of the 2.5.5 capture (no Fabric 3 network could be run): what the collector reads — transactions,
     * validation codes (TRANSACTIONS_FILTER, index 2 in both), chaincodes, time — is the same.
     */
    @Test
    void aBlockWithBftSignedMetadataFromTheFabric3ProtosReadsTheSame() throws Exception {
        Block raft = block("block-5");
        org.hyperledger.fabric.protos.common.Metadata.Builder signatures = org.hyperledger.fabric.protos.common.Metadata
                .newBuilder().setValue(org.hyperledger.fabric.protos.common.OrdererBlockMetadata.newBuilder()
                        .setLastConfig(org.hyperledger.fabric.protos.common.LastConfig.newBuilder().setIndex(0))
                        .build().toByteString());
        for (int consenter = 1; consenter <= 4; consenter++) {
            signatures.addSignatures(org.hyperledger.fabric.protos.common.MetadataSignature.newBuilder()
                    .setIdentifierHeader(org.hyperledger.fabric.protos.common.IdentifierHeader.newBuilder()
                            .setIdentifier(consenter)
                            .setNonce(com.google.protobuf.ByteString.copyFromUtf8("nonce-" + consenter))
                            .build().toByteString())
                    .setSignature(com.google.protobuf.ByteString.copyFromUtf8("signature-of-consenter-" + consenter)));
        }
        Block bft = raft.toBuilder().setMetadata(raft.getMetadata().toBuilder()
                .setMetadata(org.hyperledger.fabric.protos.common.BlockMetadataIndex.SIGNATURES_VALUE,
                        signatures.build().toByteString())
                .setMetadata(org.hyperledger.fabric.protos.common.BlockMetadataIndex.LAST_CONFIG_VALUE,
                        com.google.protobuf.ByteString.EMPTY))
                .build();
        // the BFT metadata survives the wire: four identifier headers, no signature header
        org.hyperledger.fabric.protos.common.Metadata read = org.hyperledger.fabric.protos.common.Metadata.parseFrom(
                Block.parseFrom(bft.toByteArray()).getMetadata().getMetadata(0));
        assertThat(read.getSignaturesList()).hasSize(4).allMatch(s -> s.getSignatureHeader().isEmpty()
                && !s.getIdentifierHeader().isEmpty());

        BlockSummary summary = BlockSummary.of(Block.parseFrom(bft.toByteArray()));
        BlockSummary original = BlockSummary.of(raft);
        assertThat(summary.number()).isEqualTo(5);
        assertThat(summary.txCount()).isEqualTo(2);
        assertThat(summary.validationCodes()).containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(summary.chaincodes()).isEqualTo(original.chaincodes());
        assertThat(summary.timestampMs()).isEqualTo(original.timestampMs());
    }
}
