package io.chainwatch.registry.fabric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.fabric.qscc.ClientIdentity;
import io.chainwatch.registry.fabric.qscc.PeerAddress;
import io.chainwatch.registry.fabric.qscc.Qscc;
import io.chainwatch.registry.fabric.qscc.QsccConnector;
import io.chainwatch.registry.node.FabricSettings;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.testkit.fabric.FabricFixtures;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The {@code transaction} operation (qscc {@code GetTransactionByID} and {@code GetBlockByTxID}), which the testkit's
 * test peer does not serve: here a {@link Qscc} answers from the real Fabric 2.5.5 blocks of the testkit the way a
 * peer's qscc does (the envelope of the transaction and the validation code from its block's TRANSACTIONS_FILTER).
 * Everything else runs against the test peer in {@link FabricOperationsIT}.
 */
class FabricOperationsTest {

    private static final String CHANNEL = "mychannel";
    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID chainId = UUID.randomUUID();
    private final UUID orgId = UUID.randomUUID();
    private final List<String> asked = new ArrayList<>();

    private FabricOperations operations(Qscc qscc) {
        ChainService chains = mock(ChainService.class);
        when(chains.get(chainId)).thenReturn(new Chain(chainId, orgId, "fabric-dev", Platform.FABRIC, Instant.now(), 1, null));
        NodeService nodes = mock(NodeService.class);
        when(nodes.ofChain(chainId)).thenReturn(List.of(new Node(UUID.randomUUID(), chainId, orgId, "peer0",
                "http://127.0.0.1:9443", 1000, null,
                new FabricSettings("Org1MSP", List.of(CHANNEL), "127.0.0.1:7051", null, null), Instant.now(), 1)));
        FabricIdentityService identities = mock(FabricIdentityService.class);
        when(identities.signing(any(), any())).thenReturn(mock(ClientIdentity.class));
        QsccConnector connector = (PeerAddress peer, ClientIdentity identity) -> qscc;
        return new FabricOperations(chains, nodes, identities, connector, json);
    }

    @Test
    void aTransactionByIdCarriesItsBlockAndValidationCode() {
        FabricOperations operations = operations(new CapturedQscc());
        String conflicted = "03900f6030d3b514976c21c724aa7989088c8ab249ffb471632e4986dfa374d5";

        JsonNode tx = operations.invoke(chainId, "transaction", json.readTree("{\"hash\": \"" + conflicted + "\"}"))
                .path("result");

        assertThat(asked).containsExactly("GetTransactionByID " + conflicted, "GetBlockByTxID " + conflicted);
        assertThat(tx.path("hash").asString()).isEqualTo(conflicted);
        assertThat(tx.path("blockNumber").asLong()).isEqualTo(5);
        assertThat(tx.path("validationCode").asString()).isEqualTo("MVCC_READ_CONFLICT");
        assertThat(tx.path("chaincode").asString()).isEqualTo("simple");
        assertThat(tx.path("creatorMspId").asString()).isEqualTo("Org1MSP");
        assertThat(tx.path("timestamp").asString()).isEqualTo("2026-11-22T02:36:00.127349572Z");

        JsonNode lifecycle = operations.invoke(chainId, "transaction", json.readTree(
                "{\"txId\": \"5b8a2345c90ff678f13326be5fdaa0d42390cf3cb64644679346027bae518ca3\"}")).path("result");
        assertThat(lifecycle.path("blockNumber").asLong()).isEqualTo(1);
        assertThat(lifecycle.path("validationCode").asString()).isEqualTo("VALID");
        assertThat(lifecycle.path("chaincode").asString()).isEqualTo("_lifecycle");
    }

    @Test
    void aTransactionIdMustBeOne() {
        FabricOperations operations = operations(new CapturedQscc());

        assertThatThrownBy(() -> operations.invoke(chainId, "transaction", json.readTree("{\"hash\": \"0x12\"}")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> operations.invoke(chainId, "transaction",
                json.readTree("{\"hash\": \"" + "ab".repeat(32) + "\"}")))
                .isInstanceOf(PlatformCallException.class).hasMessageContaining("not found");
        assertThat(asked).containsExactly("GetTransactionByID " + "ab".repeat(32));
    }

    /** qscc over the captured blocks, as a peer at height 8 answers. */
    private final class CapturedQscc implements Qscc {

        private final List<Block> blocks = new ArrayList<>();

        CapturedQscc() {
            for (int n = 0; n < 8; n++) {
                try {
                    blocks.add(Block.parseFrom(FabricFixtures.bytes("block-" + n + ".pb")));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public BlockchainInfo chainInfo(String channel) {
            try {
                return BlockchainInfo.parseFrom(FabricFixtures.bytes("chaininfo.pb"));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Block block(String channel, long number) {
            return blocks.get((int) number);
        }

        @Override
        public ProcessedTransaction transaction(String channel, String txId) {
            asked.add("GetTransactionByID " + txId);
            for (Block block : blocks) {
                for (int i = 0; i < block.getData().getDataCount(); i++) {
                    Envelope envelope = envelope(block, i);
                    if (txId(envelope).equals(txId)) {
                        int code = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                                .byteAt(i) & 0xff;
                        return ProcessedTransaction.newBuilder().setTransactionEnvelope(envelope)
                                .setValidationCode(code).build();
                    }
                }
            }
            throw new PlatformCallException("the peer answered UNKNOWN: transaction " + txId + " not found");
        }

        @Override
        public Block blockOfTransaction(String channel, String txId) {
            asked.add("GetBlockByTxID " + txId);
            for (Block block : blocks) {
                for (int i = 0; i < block.getData().getDataCount(); i++) {
                    if (txId(envelope(block, i)).equals(txId)) {
                        return block;
                    }
                }
            }
            throw new PlatformCallException("the peer answered UNKNOWN: transaction " + txId + " not found");
        }

        private static Envelope envelope(Block block, int i) {
            try {
                return Envelope.parseFrom(block.getData().getData(i));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String txId(Envelope envelope) {
            try {
                return ChannelHeader.parseFrom(Payload.parseFrom(envelope.getPayload()).getHeader().getChannelHeader())
                        .getTxId();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
