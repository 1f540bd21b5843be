package io.chainwatch.registry.fabric;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.chainwatch.testkit.fabric.FabricFixtures;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter's reading of the real blocks of a Fabric 2.5.5 channel (captures of the testkit). */
class FabricBlocksTest {

    /** Header hashes of blocks 0..7 (base64), from the capture's README; each is the next block's previous_hash. */
    static final List<String> HEADER_HASHES = List.of("bAA8HN9pzA4jVCZfieLI3HBPp6R04gjSVFbTSLZxk3M=",
            "syg4FdfQH3ZKSTYsTBD92tWuLFpD8qn8th0Gbe6W2ZY=", "4T07P3lkxFvSfQVRtaj+MXVTxy5t/duXalC4wZxdBiw=",
            "/4nZ/3yn7qe+qk0RVsAwAjFTo02C2rckoV6OMeqJXz8=", "8Gnj1dMkL5Oh3xLAD3sG2BrlFPHFqjHekPqLZePTNaM=",
            "QLtEiJJsL6Bl4f7MKiew81U9TkGIy0aT7spZ5MTiKPs=", "VNPU0EQGfpSeDiYjcq9g3h6Idfy1gmJ9kzHKxOgnDfQ=",
            "OMBvay9cmcgCiXoAx7EQXJ3xKbYTOcLwaLztj8idwYo=");

    static Block block(int n) throws Exception {
        return Block.parseFrom(FabricFixtures.bytes("block-" + n + ".pb"));
    }

    static String hex(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    @Test
    void blockHashesAreTheDerHeaderHashesFabricChainsBlocksWith() throws Exception {
        for (int n = 0; n < 8; n++) {
            FabricBlocks.BlockView view = FabricBlocks.read(block(n));
            assertThat(view.number()).isEqualTo(n);
            assertThat(view.hash()).isEqualTo(hex(HEADER_HASHES.get(n)));
            if (n > 0) {
                assertThat(view.previousHash()).isEqualTo(hex(HEADER_HASHES.get(n - 1)));
            }
            assertThat(view.dataHash()).hasSize(64);
        }
        BlockchainInfo info = BlockchainInfo.parseFrom(FabricFixtures.bytes("chaininfo.pb"));
        assertThat(FabricBlocks.hex(info.getCurrentBlockHash().toByteArray())).isEqualTo(hex(HEADER_HASHES.get(7)));
    }

    @Test
    void anMvccReadConflictIsReadFromTheTransactionsFilter() throws Exception {
        FabricBlocks.BlockView five = FabricBlocks.read(block(5));

        assertThat(five.transactionCount()).isEqualTo(2);
        assertThat(five.transactions()).extracting(FabricBlocks.Tx::validationCode)
                .containsExactly("VALID", "MVCC_READ_CONFLICT");
        assertThat(five.transactions()).extracting(FabricBlocks.Tx::chaincode).containsExactly("simple", "simple");
        assertThat(five.transactions()).extracting(FabricBlocks.Tx::type)
                .containsOnly("ENDORSER_TRANSACTION");
        assertThat(five.transactions()).allSatisfy(tx -> {
            assertThat(tx.txId()).matches("[0-9a-f]{64}");
            assertThat(tx.creatorMspId()).isEqualTo("Org1MSP");
        });
        assertThat(five.valid()).isEqualTo(1);
        assertThat(five.transactions()).extracting(FabricBlocks.Tx::txId).containsExactly(
                "2d5b6931b53ec736f1560ea1164b903382f20c4770ef1be99633dfac761906e2",
                "03900f6030d3b514976c21c724aa7989088c8ab249ffb471632e4986dfa374d5");
        // the newest of its transactions' timestamps (channel headers; Fabric blocks carry no time of their own)
        assertThat(five.timestamp()).isEqualTo(Instant.parse("2026-11-22T02:36:00.127349572Z"));
    }

    @Test
    void theGenesisBlockHoldsOneValidConfigTransactionWithoutChaincode() throws Exception {
        FabricBlocks.BlockView genesis = FabricBlocks.read(block(0));

        assertThat(genesis.transactionCount()).isEqualTo(1);
        FabricBlocks.Tx config = genesis.transactions().get(0);
        assertThat(config.type()).isEqualTo("CONFIG");
        assertThat(config.validationCode()).isEqualTo("VALID");
        assertThat(config.chaincode()).isNull();
        assertThat(genesis.timestamp()).isEqualTo(Instant.parse("2026-11-22T01:57:51Z"));
        assertThat(FabricBlocks.read(block(1)).transactions().get(0).chaincode()).isEqualTo("_lifecycle");
        assertThat(FabricBlocks.read(block(7)).transactions()).extracting(FabricBlocks.Tx::chaincode).containsOnly("simple");
    }

    @Test
    void aBlockFromTheOrdererHasNoValidationCodesYet() throws Exception {
        FabricBlocks.BlockView fromOrderer = FabricBlocks.read(Block.parseFrom(
                FabricFixtures.bytes("block-5-from-orderer.pb")));

        assertThat(fromOrderer.transactionCount()).isEqualTo(2);
        assertThat(fromOrderer.transactions()).extracting(FabricBlocks.Tx::validationCode).containsOnlyNulls();
        assertThat(fromOrderer.transactions()).extracting(FabricBlocks.Tx::txId)
                .isEqualTo(FabricBlocks.read(block(5)).transactions().stream().map(FabricBlocks.Tx::txId).toList());
    }
}
