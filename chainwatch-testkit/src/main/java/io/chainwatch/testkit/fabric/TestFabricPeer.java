package io.chainwatch.testkit.fabric;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A TEST PEER, not Fabric: a gRPC server built from fabric-protos that speaks the services the collector uses,
 * {@code gateway.Gateway/Evaluate} (qscc {@code GetChainInfo} and {@code GetBlockByNumber}),
 * {@code protos.Deliver/Deliver} (block events), {@code protos.Endorser/ProcessProposal} (cscc {@code GetChannels}
 * only) and {@code discovery.Discovery/Discover} (peer membership per channel, {@link #addChannelPeer}), serving the real blocks of a real Fabric 2.5.5 channel
 * ({@link FabricFixtures}): their numbering, previous hashes and validation metadata are the real ones. It
 * "commits" those blocks one at a time as a test asks ({@link #commitNext()}), answers chain info for the current
 * height (the captured {@code chaininfo.pb} bytes at the full height 8), checks each proposal's and
 * each seek request's signature against the creator certificate it carries and its MSP id, and can break its
 * event streams or stop answering, as a restarting or hanging peer would.
 *
 * <p>It is no Fabric: no endorsement, no ordering, no chaincode but the two qscc queries, one channel; gRPC in
 * plaintext or over TLS ({@link TestTls}), optionally requiring a client certificate. Its operations endpoint
 * (captured {@code /metrics} and {@code /healthz}) is {@link TestPeerOperations}.
 */
public final class TestFabricPeer implements AutoCloseable {

    /** The one channel of the captured network. */
    public static final String CHANNEL = "mychannel";
    /** Blocks captured: the full height of the channel. */
    public static final int BLOCKS = 8;
    /** MSP id of the captured network's peer organization. */
    public static final String MSP_ID = "Org1MSP";

    private final List<Block> blocks = new ArrayList<>();
    private final byte[] capturedChainInfo;
    private final Set<String> acceptedMspIds;
    private final Server server;
    private final ExecutorService streamThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-peer-deliver");
        t.setDaemon(true);
        return t;
    });
    private final List<ServerCallStreamObserver<DeliverResponse>> streams = new CopyOnWriteArrayList<>();
    /** Start block of every Deliver request, in order. */
    private final List<Long> deliverStarts = new CopyOnWriteArrayList<>();
    /** Every evaluation, "chaincode:arg,arg". */
    private final List<String> evaluations = new CopyOnWriteArrayList<>();
    /** {@code _lifecycle} answers from the captures. */
    private final TestLifecycle lifecycle = new TestLifecycle();
    /** Joined channels and their heights, in join order; {@link #CHANNEL} first. */
    private final java.util.Map<String, Integer> heights = new java.util.LinkedHashMap<>();
    private volatile boolean hangEvaluate;
    /** Other peers of a channel, as its discovery service lists them: channel → peers. */
    private final java.util.Map<String, List<ChannelPeer>> otherPeers = new java.util.HashMap<>();
    /** Every discovery query and cscc call received: "discovery:peers:mychannel", "cscc:GetChannels". */
    private final List<String> discoveryCalls = new CopyOnWriteArrayList<>();

    /** A peer of a channel as the discovery service describes it: organization, endpoint, advertised height. */
    public record ChannelPeer(String mspId, String endpoint, long ledgerHeight) {
    }

    /** Starts a plaintext peer on a free loopback port whose channel holds blocks {@code 0 .. height-1}. */
    public TestFabricPeer(int height, Set<String> acceptedMspIds) {
        this(height, acceptedMspIds, null);
    }

    /**
     * As {@link #TestFabricPeer(int, Set)}, serving gRPC over TLS with {@code tls}'s server certificate (as a peer
     * with {@code CORE_PEER_TLS_ENABLED=true}); plaintext when {@code null}.
     */
    public TestFabricPeer(int height, Set<String> acceptedMspIds, TestTls tls) {
        this(height, acceptedMspIds, tls, false);
    }

    /**
     * As {@link #TestFabricPeer(int, Set, TestTls)}; with {@code requireClientCertificate} the TLS handshake also
     * demands a client certificate issued by {@code tls}'s CA (as a peer with
     * {@code CORE_PEER_TLS_CLIENTAUTHREQUIRED=true}).
     */
    public TestFabricPeer(int height, Set<String> acceptedMspIds, TestTls tls, boolean requireClientCertificate) {
        this(height, acceptedMspIds, tls, requireClientCertificate, 0);
    }

    /**
     * A plaintext peer as {@link #TestFabricPeer(int, Set)} on a given loopback port: closed and started again on the
     * same port, it plays a peer that was killed and restarted.
     */
    public static TestFabricPeer onPort(int height, Set<String> acceptedMspIds, int port) {
        return new TestFabricPeer(height, acceptedMspIds, null, false, port);
    }

    private TestFabricPeer(int height, Set<String> acceptedMspIds, TestTls tls, boolean requireClientCertificate,
                           int port) {
        if (height < 1 || height > BLOCKS) {
            throw new IllegalArgumentException("height must be 1 to " + BLOCKS + ", got " + height);
        }
        for (int n = 0; n < BLOCKS; n++) {
            try {
                blocks.add(Block.parseFrom(FabricFixtures.bytes("block-" + n + ".pb")));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
        this.capturedChainInfo = FabricFixtures.bytes("chaininfo.pb");
        this.acceptedMspIds = Set.copyOf(acceptedMspIds);
        this.heights.put(CHANNEL, height);
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            if (tls != null) {
                io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder ssl =
                        io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forServer(
                                new ByteArrayInputStream(tls.serverCertPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                                new ByteArrayInputStream(tls.serverKeyPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                if (requireClientCertificate) {
                    ssl.trustManager(new ByteArrayInputStream(tls.caPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                            .clientAuth(io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.REQUIRE);
                }
                builder.sslContext(ssl.build());
            }
            this.server = builder
                    .intercept(new ClientCertificateHash())
                    .addService(new GatewayService())
                    .addService(new DeliverService())
                    .addService(new EndorserService())
                    .addService(new DiscoveryService())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} of the peer's gRPC endpoint. */
    public String endpoint() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Captured block {@code n}, committed or not. */
    public Block block(int n) {
        return blocks.get(n);
    }

    /** The current height of {@link #CHANNEL}: blocks {@code 0 .. height-1} are committed. */
    public synchronized int height() {
        return heights.get(CHANNEL);
    }

    /** The current height of a joined channel. */
    public synchronized int height(String channel) {
        Integer height = heights.get(channel);
        if (height == null) {
            throw new IllegalArgumentException("the test peer has not joined " + channel);
        }
        return height;
    }

    /**
     * Joins another channel at {@code height} (1 to {@link #BLOCKS}), as {@code peer channel join} does. Its ledger
     * is the same captured blocks (their channel headers still say {@link #CHANNEL}: the capture has blocks of one
     * channel only), with a height of its own.
     */
    public synchronized TestFabricPeer joinChannel(String channel, int height) {
        if (height < 1 || height > BLOCKS) {
            throw new IllegalArgumentException("height must be 1 to " + BLOCKS + ", got " + height);
        }
        heights.put(channel, height);
        return this;
    }

    /**
     * Adds another peer to what this peer's discovery service answers for {@code channel} (a peer it knows through
     * gossip; nothing listens at {@code endpoint}).
     */
    public synchronized TestFabricPeer addChannelPeer(String channel, String mspId, String endpoint, long ledgerHeight) {
        otherPeers.computeIfAbsent(channel, c -> new ArrayList<>()).add(new ChannelPeer(mspId, endpoint, ledgerHeight));
        return this;
    }

    /** Discovery queries and cscc calls received, in order ({@code "discovery:peers:mychannel"}, {@code "cscc:GetChannels"}). */
    public List<String> discoveryCalls() {
        return List.copyOf(discoveryCalls);
    }

    /** This peer and the other peers of a joined channel, as its discovery service lists them. */
    private synchronized List<ChannelPeer> channelPeers(String channel) {
        List<ChannelPeer> peers = new ArrayList<>();
        peers.add(new ChannelPeer(MSP_ID, endpoint(), heights.get(channel)));
        peers.addAll(otherPeers.getOrDefault(channel, List.of()));
        return peers;
    }

    /** The channels the peer has joined, in join order. */
    public synchronized List<String> channels() {
        return List.copyOf(heights.keySet());
    }

    /** Commits the next captured block of {@link #CHANNEL}: chain info grows and open Deliver streams receive it. */
    public void commitNext() {
        commitNext(CHANNEL);
    }

    /** Commits the next captured block of a joined channel. */
    public synchronized void commitNext(String channel) {
        int height = height(channel);
        if (height >= BLOCKS) {
            throw new IllegalStateException("all " + BLOCKS + " captured blocks are committed on " + channel);
        }
        heights.put(channel, height + 1);
        notifyAll();
    }

    private synchronized boolean joined(String channel) {
        return heights.containsKey(channel);
    }

    /** Breaks every open Deliver stream (UNAVAILABLE), as a peer restart does. */
    public void breakStreams() {
        for (ServerCallStreamObserver<DeliverResponse> stream : streams) {
            try {
                stream.onError(Status.UNAVAILABLE.withDescription("test peer restarting").asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                // the stream ended meanwhile
            }
        }
        streams.clear();
        synchronized (this) {
            notifyAll();
        }
    }

    /** Start block of every Deliver request received, in order (a snapshot). */
    public List<Long> deliverStarts() {
        return List.copyOf(deliverStarts);
    }

    /** From now on, evaluations are received but never answered. */
    public void hangEvaluations() {
        hangEvaluate = true;
    }

    /** SHA-256 of the block header's ASN.1 DER encoding: Fabric's block hash (next block's {@code previous_hash}). */
    public static byte[] headerHash(BlockHeader header) {
        try {
            byte[] der = new DERSequence(new ASN1Encodable[] {
                    new ASN1Integer(header.getNumber()),
                    new DEROctetString(header.getPreviousHash().toByteArray()),
                    new DEROctetString(header.getDataHash().toByteArray())}).getEncoded();
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chain info of {@link #CHANNEL} at the current height. */
    public byte[] chainInfo() {
        return chainInfo(CHANNEL);
    }

    /**
     * Chain info of a joined channel at its current height: the captured bytes at the full height of
     * {@link #CHANNEL}, else made from the real hashes.
     */
    public synchronized byte[] chainInfo(String channel) {
        int height = height(channel);
        if (height == BLOCKS && CHANNEL.equals(channel)) {
            return capturedChainInfo;
        }
        BlockchainInfo.Builder info = BlockchainInfo.newBuilder().setHeight(height)
                .setCurrentBlockHash(ByteString.copyFrom(headerHash(blocks.get(height - 1).getHeader())));
        if (height >= 2) {
            info.setPreviousBlockHash(ByteString.copyFrom(headerHash(blocks.get(height - 2).getHeader())));
        }
        return info.build().toByteArray();
    }

    /** Checks the creator's signature over {@code signed} and its MSP id; returns the channel header. */
    private ChannelHeader verify(ByteString headerBytes, ByteString signed, ByteString signature, boolean proposal)
            throws InvalidProtocolBufferException, GeneralSecurityException {
        Header header = proposal ? Header.parseFrom(headerBytes) : null;
        ByteString signatureHeaderBytes;
        ByteString channelHeaderBytes;
        if (proposal) {
            signatureHeaderBytes = header.getSignatureHeader();
            channelHeaderBytes = header.getChannelHeader();
        } else {
            Payload payload = Payload.parseFrom(headerBytes);
            signatureHeaderBytes = payload.getHeader().getSignatureHeader();
            channelHeaderBytes = payload.getHeader().getChannelHeader();
        }
        verifyCreator(SerializedIdentity.parseFrom(SignatureHeader.parseFrom(signatureHeaderBytes).getCreator()),
                signed, signature);
        return ChannelHeader.parseFrom(channelHeaderBytes);
    }

    /** Chaincode and arguments of every evaluation received, {@code "qscc:GetChainInfo,mychannel"}, in order. */
    public List<String> evaluations() {
        return List.copyOf(evaluations);
    }

    /** The transaction's id in its channel header; empty for an envelope that cannot be read. */
    private static String txId(ByteString envelopeBytes) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    /** The committed block of a channel holding the transaction, or {@code null}. */
    private Block blockOfTransaction(String channel, String txId) {
        int height = height(channel);
        for (int n = 0; n < height; n++) {
            for (ByteString envelope : blocks.get(n).getData().getDataList()) {
                if (txId.equals(txId(envelope))) {
                    return blocks.get(n);
                }
            }
        }
        return null;
    }

    /** qscc {@code GetTransactionByID}: a {@code peer.ProcessedTransaction} with the block's validation code. */
    private byte[] transaction(String channel, String txId) {
        Block block = blockOfTransaction(channel, txId);
        if (block == null) {
            return null;
        }
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (txId.equals(txId(block.getData().getData(i)))) {
                ByteString filter = block.getMetadata().getMetadata(
                        org.hyperledger.fabric.protos.common.BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
                try {
                    return org.hyperledger.fabric.protos.peer.ProcessedTransaction.newBuilder()
                            .setTransactionEnvelope(Envelope.parseFrom(block.getData().getData(i)))
                            .setValidationCode(i < filter.size() ? filter.byteAt(i) & 0xff : 0)
                            .build().toByteArray();
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** Checks that {@code signature} over {@code signed} is by the certificate of {@code creator}, an accepted MSP's. */
    private void verifyCreator(SerializedIdentity creator, ByteString signed, ByteString signature)
            throws GeneralSecurityException {
        if (!acceptedMspIds.contains(creator.getMspid())) {
            throw new GeneralSecurityException("MSP " + creator.getMspid() + " is not a member of the channel");
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(creator.getIdBytes().toByteArray()));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signed.toByteArray());
        if (!verifier.verify(signature.toByteArray())) {
            throw new GeneralSecurityException("signature does not match the creator's certificate");
        }
    }

    /**
     * The endorser's {@code ProcessProposal} for the one channel-less query a monitoring client makes: cscc
     * {@code GetChannels} (as {@code peer channel list}), answered with a {@code peer.ChannelQueryResponse} of the
     * joined channels. Anything else: status 500, as a peer answers a proposal it cannot endorse.
     */
    private final class EndorserService extends org.hyperledger.fabric.protos.peer.EndorserGrpc.EndorserImplBase {
        @Override
        public void processProposal(SignedProposal signed,
                                    StreamObserver<org.hyperledger.fabric.protos.peer.ProposalResponse> answer) {
            org.hyperledger.fabric.protos.peer.ProposalResponse.Builder response =
                    org.hyperledger.fabric.protos.peer.ProposalResponse.newBuilder().setVersion(1);
            try {
                Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
                verify(proposal.getHeader(), signed.getProposalBytes(), signed.getSignature(), true);
                ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                        ChaincodeProposalPayload.parseFrom(proposal.getPayload()).getInput());
                String chaincode = spec.getChaincodeSpec().getChaincodeId().getName();
                List<String> args = spec.getChaincodeSpec().getInput().getArgsList().stream()
                        .map(ByteString::toStringUtf8).toList();
                if ("cscc".equals(chaincode) && args.equals(List.of("GetChannels"))) {
                    discoveryCalls.add("cscc:GetChannels");
                    org.hyperledger.fabric.protos.peer.ChannelQueryResponse.Builder channels =
                            org.hyperledger.fabric.protos.peer.ChannelQueryResponse.newBuilder();
                    for (String channel : channels()) {
                        channels.addChannels(org.hyperledger.fabric.protos.peer.ChannelInfo.newBuilder()
                                .setChannelId(channel));
                    }
                    response.setResponse(Response.newBuilder().setStatus(200)
                            .setPayload(channels.build().toByteString()));
                } else {
                    response.setResponse(Response.newBuilder().setStatus(500)
                            .setMessage("the test peer answers only cscc GetChannels, not " + chaincode + " " + args));
                }
            } catch (InvalidProtocolBufferException | GeneralSecurityException e) {
                response.setResponse(Response.newBuilder().setStatus(500)
                        .setMessage("access denied: " + e.getMessage()));
            }
            answer.onNext(response.build());
            answer.onCompleted();
        }
    }

    /**
     * The discovery service's peer membership query ({@code discover peers --channel X}): per organization the peers
     * of the channel, each with its gossip alive message (endpoint) and state info (ledger height, chaincodes
     * {@code _lifecycle}), as a Fabric 2.5.5 peer answers ({@code discover-peers-*.json} of the captures; gossip
     * envelopes unsigned here, the peers' identities carry their MSP only). A channel the peer has not joined, a
     * bad signature or another MSP: the error "access denied" ({@code discover-peers-ghost.stderr.txt}).
     */
    private final class DiscoveryService extends org.hyperledger.fabric.protos.discovery.DiscoveryGrpc.DiscoveryImplBase {
        @Override
        public void discover(org.hyperledger.fabric.protos.discovery.SignedRequest signed,
                             StreamObserver<org.hyperledger.fabric.protos.discovery.Response> answer) {
            org.hyperledger.fabric.protos.discovery.Response.Builder response =
                    org.hyperledger.fabric.protos.discovery.Response.newBuilder();
            org.hyperledger.fabric.protos.discovery.Request request;
            try {
                request = org.hyperledger.fabric.protos.discovery.Request.parseFrom(signed.getPayload());
                verifyCreator(SerializedIdentity.parseFrom(request.getAuthentication().getClientIdentity()),
                        signed.getPayload(), signed.getSignature());
                // as a Fabric peer's discovery service: with a TLS client certificate, the request must name its hash
                byte[] computed = CLIENT_CERTIFICATE_HASH.get();
                ByteString claimed = request.getAuthentication().getClientTlsCertHash();
                if (computed != null && !ByteString.copyFrom(computed).equals(claimed)) {
                    discoveryCalls.add("discovery:refused:tls-hash");
                    answer.onError(Status.UNKNOWN.withDescription(claimed.isEmpty()
                            ? "client didn't send a TLS certificate hash"
                            : "client claimed TLS hash doesn't match computed TLS hash from gRPC stream")
                            .asRuntimeException());
                    return;
                }
            } catch (InvalidProtocolBufferException | GeneralSecurityException e) {
                answer.onNext(response.addResults(accessDenied()).build());
                answer.onCompleted();
                return;
            }
            for (org.hyperledger.fabric.protos.discovery.Query query : request.getQueriesList()) {
                discoveryCalls.add("discovery:" + (query.hasPeerQuery() ? "peers" : "other") + ":" + query.getChannel());
                if (!query.hasPeerQuery() || !joined(query.getChannel())) {
                    response.addResults(accessDenied());
                    continue;
                }
                org.hyperledger.fabric.protos.discovery.PeerMembershipResult.Builder members =
                        org.hyperledger.fabric.protos.discovery.PeerMembershipResult.newBuilder();
                java.util.Map<String, org.hyperledger.fabric.protos.discovery.Peers.Builder> byOrg =
                        new java.util.TreeMap<>();
                for (ChannelPeer peer : channelPeers(query.getChannel())) {
                    byOrg.computeIfAbsent(peer.mspId(), m -> org.hyperledger.fabric.protos.discovery.Peers.newBuilder())
                            .addPeers(discoveredPeer(peer));
                }
                byOrg.forEach((msp, peers) -> members.putPeersByOrg(msp, peers.build()));
                response.addResults(org.hyperledger.fabric.protos.discovery.QueryResult.newBuilder().setMembers(members));
            }
            answer.onNext(response.build());
            answer.onCompleted();
        }
    }

    /** SHA-256 of the TLS client certificate of the call, when the client presented one. */
    private static final io.grpc.Context.Key<byte[]> CLIENT_CERTIFICATE_HASH = io.grpc.Context.key("client-cert-hash");

    /** Puts the hash of the call's TLS client certificate (if any) in its context, as a Fabric peer extracts it. */
    private static final class ClientCertificateHash implements io.grpc.ServerInterceptor {
        @Override
        public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call,
                io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, A> next) {
            byte[] hash = null;
            javax.net.ssl.SSLSession session = call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_SSL_SESSION);
            if (session != null) {
                try {
                    java.security.cert.Certificate[] chain = session.getPeerCertificates();
                    if (chain.length > 0) {
                        hash = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
                    }
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    hash = null; // no client certificate
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            return io.grpc.Contexts.interceptCall(io.grpc.Context.current().withValue(CLIENT_CERTIFICATE_HASH, hash),
                    call, headers, next);
        }
    }

    private static org.hyperledger.fabric.protos.discovery.QueryResult accessDenied() {
        return org.hyperledger.fabric.protos.discovery.QueryResult.newBuilder()
                .setError(org.hyperledger.fabric.protos.discovery.Error.newBuilder().setContent("access denied"))
                .build();
    }

    private static org.hyperledger.fabric.protos.discovery.Peer discoveredPeer(ChannelPeer peer) {
        ByteString pkiId = ByteString.copyFromUtf8(peer.endpoint());
        org.hyperledger.fabric.protos.gossip.GossipMessage alive = org.hyperledger.fabric.protos.gossip.GossipMessage
                .newBuilder().setAliveMsg(org.hyperledger.fabric.protos.gossip.AliveMessage.newBuilder()
                        .setMembership(org.hyperledger.fabric.protos.gossip.Member.newBuilder()
                                .setEndpoint(peer.endpoint()).setPkiId(pkiId)))
                .build();
        org.hyperledger.fabric.protos.gossip.GossipMessage state = org.hyperledger.fabric.protos.gossip.GossipMessage
                .newBuilder().setStateInfo(org.hyperledger.fabric.protos.gossip.StateInfo.newBuilder().setPkiId(pkiId)
                        .setProperties(org.hyperledger.fabric.protos.gossip.Properties.newBuilder()
                                .setLedgerHeight(peer.ledgerHeight())
                                .addChaincodes(org.hyperledger.fabric.protos.gossip.Chaincode.newBuilder()
                                        .setName("_lifecycle"))))
                .build();
        return org.hyperledger.fabric.protos.discovery.Peer.newBuilder()
                .setMembershipInfo(org.hyperledger.fabric.protos.gossip.Envelope.newBuilder()
                        .setPayload(alive.toByteString()))
                .setStateInfo(org.hyperledger.fabric.protos.gossip.Envelope.newBuilder()
                        .setPayload(state.toByteString()))
                .setIdentity(SerializedIdentity.newBuilder().setMspid(peer.mspId()).build().toByteString())
                .build();
    }

    private final class GatewayService extends GatewayGrpc.GatewayImplBase {
        @Override
        public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> answer) {
            if (hangEvaluate) {
                return;
            }
            try {
                SignedProposal signed = request.getProposedTransaction();
                Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
                ChannelHeader channelHeader = verify(proposal.getHeader(), signed.getProposalBytes(), signed.getSignature(), true);
                String channel = request.getChannelId();
                if (!joined(channel) || !channel.equals(channelHeader.getChannelId())) {
                    // what a Fabric 2.5.5 peer's Gateway answers for a channel it has not joined
                    // (grpc-ghost-probe.jsonl of the captures)
                    answer.onError(Status.UNAVAILABLE.withDescription("failed to get config for channel ["
                            + channelHeader.getChannelId() + "]: could not get last config for channel "
                            + channelHeader.getChannelId()).asRuntimeException());
                    return;
                }
                ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                        ChaincodeProposalPayload.parseFrom(proposal.getPayload()).getInput());
                String chaincode = spec.getChaincodeSpec().getChaincodeId().getName();
                List<String> args = spec.getChaincodeSpec().getInput().getArgsList().stream()
                        .map(ByteString::toStringUtf8).toList();
                evaluations.add(chaincode + ":" + String.join(",", args));
                byte[] payload;
                if ("_lifecycle".equals(chaincode) && lifecycle != null) {
                    try {
                        payload = lifecycle.answer(channel, args, spec.getChaincodeSpec().getInput().getArgsList());
                    } catch (TestLifecycle.ChaincodeError e) {
                        answer.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error:"
                                + " chaincode response " + e.status + ", " + e.getMessage()).asRuntimeException());
                        return;
                    }
                    if (payload == null) {
                        answer.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error:"
                                + " chaincode response 500, _lifecycle cannot answer " + args).asRuntimeException());
                        return;
                    }
                } else if (!"qscc".equals(chaincode)) {
                    answer.onError(Status.FAILED_PRECONDITION.withDescription("no peers available to evaluate chaincode "
                            + chaincode + " in channel " + channel).asRuntimeException());
                    return;
                } else if (args.size() >= 2 && !joined(args.get(1))) {
                    // qscc asked about a channel the peer has not joined, through a joined one (captured answer)
                    answer.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error: chaincode"
                            + " response 500, Invalid chain ID, " + args.get(1)).asRuntimeException());
                    return;
                } else if (args.size() == 2 && args.get(0).equals("GetChainInfo")) {
                    payload = chainInfo(args.get(1));
                } else if (args.size() == 3 && args.get(0).equals("GetBlockByNumber")
                        && Long.parseLong(args.get(2)) < height(args.get(1))) {
                    payload = blocks.get(Integer.parseInt(args.get(2))).toByteArray();
                } else if (args.size() == 3 && args.get(0).equals("GetTransactionByID")) {
                    payload = transaction(args.get(1), args.get(2));
                    if (payload == null) {
                        answer.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error:"
                                + " chaincode response 500, Failed to get transaction with id " + args.get(2)
                                + ", error no such transaction ID [" + args.get(2) + "] in index").asRuntimeException());
                        return;
                    }
                } else if (args.size() == 3 && args.get(0).equals("GetBlockByTxID")) {
                    Block block = blockOfTransaction(args.get(1), args.get(2));
                    if (block == null) {
                        answer.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error:"
                                + " chaincode response 500, Failed to get block for txID " + args.get(2)
                                + ", error no such transaction ID [" + args.get(2) + "] in index").asRuntimeException());
                        return;
                    }
                    payload = block.toByteArray();
                } else {
                    answer.onError(Status.UNKNOWN.withDescription("qscc cannot answer " + args).asRuntimeException());
                    return;
                }
                answer.onNext(EvaluateResponse.newBuilder()
                        .setResult(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFrom(payload)))
                        .build());
                answer.onCompleted();
            } catch (GeneralSecurityException e) {
                answer.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                answer.onError(Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
            }
        }
    }

    private final class DeliverService extends DeliverGrpc.DeliverImplBase {
        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
            ServerCallStreamObserver<DeliverResponse> stream = (ServerCallStreamObserver<DeliverResponse>) responses;
            streams.add(stream);
            stream.setOnCancelHandler(() -> {
                streams.remove(stream);
                synchronized (TestFabricPeer.this) {
                    TestFabricPeer.this.notifyAll();
                }
            });
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope envelope) {
                    try {
                        ChannelHeader channelHeader = verify(envelope.getPayload(), envelope.getPayload(),
                                envelope.getSignature(), false);
                        String channel = channelHeader.getChannelId();
                        if (channelHeader.getType() != HeaderType.DELIVER_SEEK_INFO_VALUE || !joined(channel)) {
                            // a peer's Deliver on a channel it has not joined: gRPC OK, status NOT_FOUND (captured)
                            stream.onNext(DeliverResponse.newBuilder()
                                    .setStatus(org.hyperledger.fabric.protos.common.Status.NOT_FOUND).build());
                            stream.onCompleted();
                            return;
                        }
                        SeekInfo seek = SeekInfo.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
                        long start = position(channel, seek.getStart());
                        long stop = seek.getStop().hasSpecified() ? seek.getStop().getSpecified().getNumber() : Long.MAX_VALUE;
                        deliverStarts.add(start);
                        streamThreads.execute(() -> send(stream, channel, start, stop));
                    } catch (GeneralSecurityException e) {
                        stream.onNext(DeliverResponse.newBuilder()
                                .setStatus(org.hyperledger.fabric.protos.common.Status.FORBIDDEN).build());
                        stream.onCompleted();
                    } catch (InvalidProtocolBufferException e) {
                        stream.onNext(DeliverResponse.newBuilder()
                                .setStatus(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST).build());
                        stream.onCompleted();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    streams.remove(stream);
                }

                @Override
                public void onCompleted() {
                    // the client half-closed; blocks keep flowing until it cancels
                }
            };
        }

        private long position(String channel, SeekPosition position) {
            if (position.hasSpecified()) {
                return position.getSpecified().getNumber();
            }
            if (position.hasOldest()) {
                return 0;
            }
            if (position.hasNewest()) {
                return height(channel) - 1;
            }
            return height(channel); // next commit
        }

        /** Sends blocks start..stop, waiting for each to be committed (BLOCK_UNTIL_READY). */
        private void send(ServerCallStreamObserver<DeliverResponse> stream, String channel, long start, long stop) {
            for (long n = start; n <= stop; n++) {
                synchronized (TestFabricPeer.this) {
                    while (n >= heights.get(channel) && streams.contains(stream) && !stream.isCancelled()) {
                        try {
                            TestFabricPeer.this.wait(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                if (!streams.contains(stream) || stream.isCancelled()) {
                    return;
                }
                try {
                    stream.onNext(DeliverResponse.newBuilder().setBlock(blocks.get((int) n)).build());
                } catch (RuntimeException closed) {
                    return;
                }
            }
            stream.onNext(DeliverResponse.newBuilder().setStatus(org.hyperledger.fabric.protos.common.Status.SUCCESS).build());
            stream.onCompleted();
        }
    }

    @Override
    public void close() throws InterruptedException {
        breakStreams();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        streamThreads.shutdownNow();
    }
}
