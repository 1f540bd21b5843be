package io.chainwatch.registry.fabric.qscc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import io.chainwatch.registry.web.PlatformCallException;

import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.springframework.stereotype.Component;

/**
 * {@link QsccConnector} on the Fabric Gateway client: one gRPC channel (plaintext, or TLS trusting the node's TLS
 * root certificate) and one {@link Gateway} per connection; every query is a signed proposal evaluated by the
 * peer ({@code gateway.Gateway/Evaluate}) with a deadline of {@link #TIMEOUT}.
 */
@Component
class GatewayQsccConnector implements QsccConnector {

    /** Deadline of one evaluation. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String QSCC = "qscc";

    @Override
    public Qscc open(PeerAddress peer, ClientIdentity identity) {
        ManagedChannel grpc;
        try {
            grpc = channel(peer, identity);
        } catch (SSLException | IllegalArgumentException e) {
            throw new PlatformCallException("cannot set up the connection to " + peer.endpoint() + ": " + e.getMessage(),
                    e);
        }
        Gateway gateway = Gateway.newInstance()
                .identity(identity.identity())
                .signer(identity.signer())
                .connection(grpc)
                .evaluateOptions(options -> options.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .connect();
        return new Session(peer.endpoint(), grpc, gateway);
    }

    private static ManagedChannel channel(PeerAddress peer, ClientIdentity identity) throws SSLException {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(peer.endpoint());
        if (peer.tlsRootCertPem() == null || peer.tlsRootCertPem().isBlank()) {
            builder.usePlaintext();
        } else {
            io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder ssl = GrpcSslContexts.forClient()
                    .trustManager(new ByteArrayInputStream(peer.tlsRootCertPem().getBytes(StandardCharsets.UTF_8)));
            if (identity.tlsCertificatePem() != null && identity.tlsPrivateKeyPem() != null) {
                // for peers that require a client certificate (CORE_PEER_TLS_CLIENTAUTHREQUIRED)
                ssl.keyManager(new ByteArrayInputStream(identity.tlsCertificatePem().getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayInputStream(identity.tlsPrivateKeyPem().getBytes(StandardCharsets.UTF_8)));
            }
            builder.sslContext(ssl.build());
            if (peer.serverNameOverride() != null && !peer.serverNameOverride().isBlank()) {
                builder.overrideAuthority(peer.serverNameOverride());
            }
        }
        return builder.build();
    }

    /** One open connection. */
    private static final class Session implements Qscc {

        private final String endpoint;
        private final ManagedChannel grpc;
        private final Gateway gateway;

        Session(String endpoint, ManagedChannel grpc, Gateway gateway) {
            this.endpoint = endpoint;
            this.grpc = grpc;
            this.gateway = gateway;
        }

        @Override
        public BlockchainInfo chainInfo(String channel) {
            byte[] answer = evaluate(channel, "GetChainInfo", channel);
            try {
                return BlockchainInfo.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("BlockchainInfo", "GetChainInfo", e);
            }
        }

        @Override
        public Block block(String channel, long number) {
            byte[] answer = evaluate(channel, "GetBlockByNumber", channel, Long.toString(number));
            try {
                return Block.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("Block", "GetBlockByNumber", e);
            }
        }

        @Override
        public ProcessedTransaction transaction(String channel, String txId) {
            byte[] answer = evaluate(channel, "GetTransactionByID", channel, txId);
            try {
                return ProcessedTransaction.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("ProcessedTransaction", "GetTransactionByID", e);
            }
        }

        @Override
        public Block blockOfTransaction(String channel, String txId) {
            byte[] answer = evaluate(channel, "GetBlockByTxID", channel, txId);
            try {
                return Block.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("Block", "GetBlockByTxID", e);
            }
        }

        @Override
        public org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult chaincodeDefinitions(
                String channel) {
            byte[] answer;
            try {
                answer = gateway.getNetwork(channel).getContract("_lifecycle").evaluateTransaction(
                        "QueryChaincodeDefinitions", org.hyperledger.fabric.protos.peer.lifecycle
                                .QueryChaincodeDefinitionsArgs.getDefaultInstance().toByteArray());
            } catch (GatewayException e) {
                throw new PlatformCallException(PeerErrors.describe(endpoint, channel, e.getStatus(), TIMEOUT)
                        + " (_lifecycle QueryChaincodeDefinitions on " + channel + ")", e);
            }
            try {
                return org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("QueryChaincodeDefinitionsResult", "QueryChaincodeDefinitions", e);
            }
        }

        @Override
        public org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult chaincodeDefinition(
                String channel, String name) {
            byte[] answer = lifecycle(channel, "QueryChaincodeDefinition", org.hyperledger.fabric.protos.peer.lifecycle
                    .QueryChaincodeDefinitionArgs.newBuilder().setName(name).build().toByteArray(), name);
            try {
                return org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("QueryChaincodeDefinitionResult", "QueryChaincodeDefinition", e);
            }
        }

        @Override
        public org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult checkCommitReadiness(
                String channel, org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs args) {
            byte[] answer = lifecycle(channel, "CheckCommitReadiness", args.toByteArray(), args.getName());
            try {
                return org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult.parseFrom(answer);
            } catch (InvalidProtocolBufferException e) {
                throw notA("CheckCommitReadinessResult", "CheckCommitReadiness", e);
            }
        }

        /**
         * A {@code _lifecycle} evaluation; the peer's "chaincode response 404" (a chaincode not defined on the
         * channel: {@code namespace <name> is not defined}) is a 404.
         */
        private byte[] lifecycle(String channel, String function, byte[] args, String chaincode) {
            try {
                return gateway.getNetwork(channel).getContract("_lifecycle").evaluateTransaction(function, args);
            } catch (GatewayException e) {
                String description = String.valueOf(e.getStatus().getDescription());
                if (description.contains("chaincode response 404")) {
                    throw new io.chainwatch.registry.web.NotFoundException("No chaincode '" + chaincode
                            + "' is defined on channel " + channel + " (the peer at " + endpoint + " answers: "
                            + description.substring(description.indexOf("chaincode response 404")) + ")");
                }
                throw new PlatformCallException(PeerErrors.describe(endpoint, channel, e.getStatus(), TIMEOUT)
                        + " (_lifecycle " + function + " on " + channel + ")", e);
            }
        }

        private byte[] evaluate(String channel, String function, String... args) {
            try {
                return gateway.getNetwork(channel).getContract(QSCC).evaluateTransaction(function, args);
            } catch (GatewayException e) {
                throw new PlatformCallException(PeerErrors.describe(endpoint, channel, e.getStatus(), TIMEOUT)
                        + " (qscc " + function + " on " + channel + ")", e);
            }
        }

        private PlatformCallException notA(String type, String function, Exception e) {
            return new PlatformCallException("the peer at " + endpoint + " answered qscc " + function
                    + " with something that is not a " + type, e);
        }

        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                grpc.shutdownNow();
                try {
                    grpc.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
