package io.chainwatch.collector.fabric;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.discovery.AuthInfo;
import org.hyperledger.fabric.protos.discovery.DiscoveryGrpc;
import org.hyperledger.fabric.protos.discovery.PeerMembershipQuery;
import org.hyperledger.fabric.protos.discovery.Query;
import org.hyperledger.fabric.protos.discovery.QueryResult;
import org.hyperledger.fabric.protos.discovery.Request;
import org.hyperledger.fabric.protos.discovery.Response;
import org.hyperledger.fabric.protos.discovery.SignedRequest;
import org.hyperledger.fabric.protos.gossip.GossipMessage;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a Fabric peer says about its network, asked over the Gateway client's gRPC connection with the same identity:
 * the channels it has joined (cscc {@code GetChannels} through the endorser's {@code ProcessProposal}, the query
 * behind {@code peer channel list}; a channel-less proposal the Gateway service cannot carry) and the peers of a
 * channel (the discovery service's peer membership query, as {@code discover peers --channel X}: per organization
 * each peer's endpoint from its gossip alive message and its ledger height from its state info). Both are signed
 * by the identity as the peer checks them: the proposal's and the request's SHA-256 digest.
 */
final class FabricDiscovery {

    /** A peer of a channel: its organization, gossip endpoint and the ledger height it advertises. */
    record ChannelPeer(String mspId, String endpoint, long ledgerHeight) {

        /** {@code endpoint (mspId, height n)}. */
        String shown() {
            return endpoint + " (" + mspId + ", height " + ledgerHeight + ")";
        }
    }

    /** The peers of one channel, or why the discovery service did not list them. */
    record Members(List<ChannelPeer> peers, String error) {
    }

    /** Why a question could not be answered: the peer's own words. */
    static final class DiscoveryException extends Exception {
        DiscoveryException(String message) {
            super(message);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ManagedChannel grpc;
    private final FabricIdentity identity;
    private final Duration timeout;

    FabricDiscovery(ManagedChannel grpc, FabricIdentity identity, Duration timeout) {
        this.grpc = grpc;
        this.identity = identity;
        this.timeout = timeout;
    }

    /** The channels the peer has joined, in its order. */
    List<String> joinedChannels() throws DiscoveryException {
        try {
            ProposalResponse response = EndorserGrpc.newBlockingStub(grpc)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .processProposal(getChannelsProposal());
            if (response.getResponse().getStatus() != 200) {
                throw new DiscoveryException("cscc GetChannels answered " + response.getResponse().getStatus() + ": "
                        + response.getResponse().getMessage());
            }
            List<String> channels = new ArrayList<>();
            for (ChannelInfo channel : ChannelQueryResponse.parseFrom(response.getResponse().getPayload())
                    .getChannelsList()) {
                channels.add(channel.getChannelId());
            }
            return channels;
        } catch (StatusRuntimeException e) {
            throw new DiscoveryException("cscc GetChannels failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
        } catch (InvalidProtocolBufferException e) {
            throw new DiscoveryException("cscc GetChannels answered something that is not a ChannelQueryResponse");
        } catch (GeneralSecurityException e) {
            throw new DiscoveryException("cannot sign the cscc GetChannels proposal: " + e.getMessage());
        }
    }

    /**
     * The peers of each channel, sorted by endpoint; a channel the peer could not answer for maps to the error it
     * gave (a Fabric 2.5.5 peer says "access denied" for a channel it has not joined and for an identity the
     * channel does not accept).
     */
    Map<String, Members> channelPeers(List<String> channels) throws DiscoveryException {
        Request.Builder request = Request.newBuilder().setAuthentication(AuthInfo.newBuilder()
                .setClientIdentity(creator()).setClientTlsCertHash(tlsCertificateHash()));
        for (String channel : channels) {
            request.addQueries(Query.newBuilder().setChannel(channel)
                    .setPeerQuery(PeerMembershipQuery.getDefaultInstance()));
        }
        byte[] payload = request.build().toByteArray();
        Response response;
        try {
            response = DiscoveryGrpc.newBlockingStub(grpc)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .discover(SignedRequest.newBuilder().setPayload(ByteString.copyFrom(payload))
                            .setSignature(ByteString.copyFrom(identity.signer().sign(sha256(payload)))).build());
        } catch (StatusRuntimeException e) {
            throw new DiscoveryException("discovery failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription());
        } catch (GeneralSecurityException e) {
            throw new DiscoveryException("cannot sign the discovery request: " + e.getMessage());
        }
        Map<String, Members> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            if (i >= response.getResultsCount()) {
                byChannel.put(channel, new Members(List.of(), "no answer from the discovery service"));
                continue;
            }
            QueryResult result = response.getResults(i);
            if (result.hasError()) {
                byChannel.put(channel, new Members(List.of(), "discovery: " + result.getError().getContent()));
            } else if (!result.hasMembers()) {
                byChannel.put(channel, new Members(List.of(), "discovery answered without peers"));
            } else {
                byChannel.put(channel, new Members(peers(result), null));
            }
        }
        return byChannel;
    }

    private static List<ChannelPeer> peers(QueryResult result) throws DiscoveryException {
        List<ChannelPeer> peers = new ArrayList<>();
        try {
            for (var org : result.getMembers().getPeersByOrgMap().entrySet()) {
                for (org.hyperledger.fabric.protos.discovery.Peer peer : org.getValue().getPeersList()) {
                    String endpoint = GossipMessage.parseFrom(peer.getMembershipInfo().getPayload()).getAliveMsg()
                            .getMembership().getEndpoint();
                    long height = peer.hasStateInfo()
                            ? GossipMessage.parseFrom(peer.getStateInfo().getPayload()).getStateInfo().getProperties()
                                    .getLedgerHeight()
                            : 0;
                    peers.add(new ChannelPeer(org.getKey(), endpoint, height));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new DiscoveryException("discovery answered a peer whose gossip messages cannot be read");
        }
        peers.sort(Comparator.comparing(ChannelPeer::endpoint));
        return peers;
    }

    /** A signed channel-less proposal for cscc {@code GetChannels}, built as the peer CLI builds it. */
    private SignedProposal getChannelsProposal() throws GeneralSecurityException {
        ByteString creator = creator();
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        String txId = HexFormat.of().formatHex(sha256(ByteString.copyFrom(nonce).concat(creator).toByteArray()));
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId("")
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName("cscc")).build().toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce)).build();
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder().setType(ChaincodeSpec.Type.GOLANG)
                        .setChaincodeId(ChaincodeID.newBuilder().setName("cscc"))
                        .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("GetChannels"))))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()).build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder().setInput(invocation.toByteString()).build()
                        .toByteString())
                .build();
        byte[] bytes = proposal.toByteArray();
        return SignedProposal.newBuilder().setProposalBytes(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(identity.signer().sign(sha256(bytes)))).build();
    }

    private ByteString creator() {
        return SerializedIdentity.newBuilder().setMspid(identity.identity().getMspId())
                .setIdBytes(ByteString.copyFrom(identity.identity().getCredentials())).build().toByteString();
    }

    /** With a TLS client certificate, its SHA-256 (the discovery service compares it with the session's); else empty. */
    private ByteString tlsCertificateHash() throws DiscoveryException {
        if (identity.tlsClient() == null) {
            return ByteString.EMPTY;
        }
        try {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                    identity.tlsClient().certificatePem().getBytes(StandardCharsets.UTF_8))).getEncoded();
            return ByteString.copyFrom(sha256(der));
        } catch (GeneralSecurityException e) {
            throw new DiscoveryException("cannot read the TLS client certificate: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
