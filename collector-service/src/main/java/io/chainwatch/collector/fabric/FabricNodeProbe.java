package io.chainwatch.collector.fabric;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.protobuf.InvalidProtocolBufferException;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * Polls one Fabric peer. Each poll evaluates qscc {@code GetChainInfo} on every watched channel (height and current
 * block hash) and drains the channel's {@link ChannelWatch} (the blocks delivered since the previous poll); it
 * returns one sample per channel ({@link NodeSample#channel()} set) after the peer's own sample, whose outcome is
 * the best of the channels'. The connection (gRPC channel and Gateway) is opened at the first poll and kept. At the
 * first poll the peer answers, then every {@code discoveryInterval}, it asks the peer for its joined channels and the
 * peers of the watched channels ({@link FabricDiscovery}) and reports them in the samples' info. A probe opened for
 * an edited node continues the former probe's block streams ({@link #continueFrom}).
 */
final class FabricNodeProbe implements NodeProbe {

    private static final String QSCC = "qscc";
    /** How long a poll waits for a reconnection it asked for to begin. */
    private static final long RECONNECT_WAIT_MS = 200;

    private final NodeTarget target;
    private final FabricIdentities identities;
    private final Duration timeout;
    private final ExecutorService streams;
    private final Map<String, ChannelWatch> watches = new LinkedHashMap<>();
    /** What to run for news between polls ({@link #onNews}); null: nothing. */
    private Runnable news;
    /** The former target's watches (after an edit), continued by this probe's watch of the same channel. */
    private final Map<String, ChannelWatch> inherited = new HashMap<>();
    /** The gRPC connection to the peer; null before the first poll and after close. Read by {@link #answersAgain}. */
    private volatile ManagedChannel grpc;
    /** Whether the last poll could not reach the peer (its node sample REFUSED). Read by {@link #answersAgain}. */
    private volatile boolean unreachable;
    private Gateway gateway;
    private final Map<String, Network> networks = new HashMap<>();

    private final Path checkpoints;
    private final Duration discoveryInterval;
    private FabricDiscovery discovery;
    /** When the peer was last asked for its channels and the channels' peers (System.nanoTime()), 0: never. */
    private long discoveredAtNanos;
    /** The joined channels the peer listed last, or null (not asked yet, or failed: {@link #joinedError}). */
    private List<String> joined;
    private String joinedError;
    /** The peers of each watched channel, as discovery listed them last. */
    private Map<String, FabricDiscovery.Members> members = new HashMap<>();
    /** The joined channels not watched, as logged last. */
    private List<String> loggedUnmonitored = List.of();
    /** The error of each failing channel at the previous poll: a change is logged once. */
    private final Map<String, String> channelErrors = new HashMap<>();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FabricNodeProbe.class);

    FabricNodeProbe(NodeTarget target, FabricIdentities identities, Duration timeout, ExecutorService streams,
                    Path checkpoints, Duration discoveryInterval) {
        this.checkpoints = checkpoints;
        this.discoveryInterval = discoveryInterval;
        this.target = target;
        this.identities = identities;
        this.timeout = timeout;
        this.streams = streams;
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        return pollAll(polledAtMs).get(0);
    }

    /**
     * Whether the peer accepts a gRPC connection again (its process restarted): asks the connection to connect at
     * once, without gRPC's own back-off, and completes with {@code true} when it is ready, {@code false} when it failed
     * again or the poll timeout passed. Only after a poll that could not reach the peer: when the polls fail for
     * another reason (an identity the peer refuses, for instance) a connection says nothing, there is no check
     * ({@code null}) and the node keeps its back-off. Does not wait for a poll in progress (not synchronized).
     */
    @Override
    public CompletionStage<Boolean> answersAgain() {
        ManagedChannel channel = grpc;
        if (channel == null || !unreachable) {
            return null; // not connected yet (the next poll connects), or not a connection problem
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        channel.resetConnectBackoff();
        settle(channel, channel.getState(true), true, ready);
        return ready.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Has a failed connection try again now, without gRPC's back-off, and waits (at most {@value #RECONNECT_WAIT_MS}
     * ms) until that attempt has begun: a call made while the connection still shows the old failure would fail at
     * once with it, where one made while connecting waits for the connection (within its deadline).
     */
    private static void connectNow(ManagedChannel channel) {
        CountDownLatch begun = new CountDownLatch(1);
        channel.resetConnectBackoff();
        channel.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, begun::countDown);
        try {
            begun.await(RECONNECT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Completes {@code ready} once the connection is ready or failed, following its state changes; a failure seen
     * first (before the reset connection attempt has begun) is waited past.
     */
    private static void settle(ManagedChannel channel, ConnectivityState state, boolean first,
                               CompletableFuture<Boolean> ready) {
        switch (state) {
            case READY -> ready.complete(true);
            case SHUTDOWN -> ready.complete(false);
            case TRANSIENT_FAILURE -> {
                if (first) {
                    channel.notifyWhenStateChanged(state, () -> settle(channel, channel.getState(false), false, ready));
                } else {
                    ready.complete(false);
                }
            }
            case IDLE, CONNECTING -> channel.notifyWhenStateChanged(state,
                    () -> settle(channel, channel.getState(false), false, ready));
        }
    }

    @Override
    public synchronized List<NodeSample> pollAll(long polledAtMs) {
        FabricTarget fabric = target.fabric();
        if (fabric == null || fabric.peerEndpoint() == null || fabric.channels().isEmpty()) {
            return List.of(sample(null, polledAtMs, PollOutcome.UNSUPPORTED,
                    "node has no Fabric peer endpoint and channels to watch", Map.of(), Map.of()));
        }
        if (gateway == null) {
            try {
                connect(fabric);
            } catch (FabricIdentities.IdentityNotFoundException e) {
                return List.of(sample(null, polledAtMs, PollOutcome.UNSUPPORTED, e.getMessage(), Map.of(), Map.of()));
            } catch (RuntimeException | javax.net.ssl.SSLException e) {
                return List.of(sample(null, polledAtMs, PollOutcome.BAD_RESPONSE,
                        "cannot set up the connection to " + fabric.peerEndpoint() + ": " + e.getMessage(), Map.of(),
                        Map.of()));
            }
        }
        if (grpc.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            // the peer was unreachable: gRPC would try to connect again only after its own back-off (up to 2 minutes,
            // longer the longer the peer was down), and fail this poll at once meanwhile; a restarted peer is seen
            // by this poll instead
            connectNow(grpc);
        }
        List<NodeSample> channelSamples = new ArrayList<>();
        for (String channel : fabric.channels()) {
            channelSamples.add(pollChannel(channel, polledAtMs));
        }
        for (NodeSample channel : channelSamples) {
            String before = channelErrors.get(channel.channel());
            if (channel.up()) {
                if (channelErrors.remove(channel.channel()) != null) {
                    log.info("node {} ({}) channel {}: answers again", target.nodeName(), target.nodeId(),
                            channel.channel());
                }
            } else if (!channel.error().equals(before)) {
                channelErrors.put(channel.channel(), channel.error());
                log.warn("node {} ({}) channel {}: {}", target.nodeName(), target.nodeId(), channel.channel(),
                        channel.error());
            }
        }
        NodeSample node = nodeSample(polledAtMs, channelSamples);
        unreachable = node.outcome() == PollOutcome.REFUSED;
        if (node.up()) {
            discoverIfDue(fabric);
        }
        List<NodeSample> all = new ArrayList<>();
        all.add(withInfo(node, discoveredInfo(fabric)));
        for (NodeSample channel : channelSamples) {
            all.add(withInfo(channel, channelPeersInfo(channel.channel())));
        }
        return all;
    }

    /**
     * Asks the peer for its joined channels and the peers of the watched channels: at the first poll it answered,
     * then every {@code discoveryInterval}. A change of the joined channels not watched is logged once.
     */
    private void discoverIfDue(FabricTarget fabric) {
        long now = System.nanoTime();
        if (discoveredAtNanos != 0 && now - discoveredAtNanos < discoveryInterval.toNanos()) {
            return;
        }
        discoveredAtNanos = now;
        try {
            joined = discovery.joinedChannels();
            joinedError = null;
        } catch (FabricDiscovery.DiscoveryException e) {
            joined = null;
            joinedError = e.getMessage();
        }
        try {
            members = discovery.channelPeers(fabric.channels());
        } catch (FabricDiscovery.DiscoveryException e) {
            members = new HashMap<>();
            for (String channel : fabric.channels()) {
                members.put(channel, new FabricDiscovery.Members(List.of(), e.getMessage()));
            }
        }
        List<String> unmonitored = unmonitored(fabric);
        if (!unmonitored.equals(loggedUnmonitored)) {
            loggedUnmonitored = unmonitored;
            if (!unmonitored.isEmpty()) {
                log.info("node {} ({}): peer has joined channels that are not monitored: {}", target.nodeName(),
                        target.nodeId(), String.join(", ", unmonitored));
            }
        }
    }

    private List<String> unmonitored(FabricTarget fabric) {
        return joined == null ? List.of() : joined.stream().filter(c -> !fabric.channels().contains(c)).toList();
    }

    /** The node sample's info about channels: joined, monitored, joined but not monitored, or why not known. */
    private Map<String, String> discoveredInfo(FabricTarget fabric) {
        Map<String, String> info = new HashMap<>();
        info.put(Readings.FABRIC_CHANNELS_MONITORED, String.join(",", fabric.channels()));
        if (joined != null) {
            info.put(Readings.FABRIC_CHANNELS_JOINED, String.join(",", joined));
            List<String> unmonitored = unmonitored(fabric);
            if (!unmonitored.isEmpty()) {
                info.put(Readings.FABRIC_CHANNELS_UNMONITORED, String.join(",", unmonitored));
            }
        } else if (joinedError != null) {
            info.put(Readings.FABRIC_DISCOVERY_ERROR, joinedError);
        }
        for (String channel : fabric.channels()) {
            String peers = channelPeersInfo(channel).get(Readings.FABRIC_CHANNEL_PEERS);
            if (peers != null) {
                info.put(Readings.FABRIC_CHANNEL_PEERS_PREFIX + channel, peers);
            }
        }
        return info;
    }

    /** A channel sample's info about the channel's peers, as discovery listed them last, or why it did not. */
    private Map<String, String> channelPeersInfo(String channel) {
        FabricDiscovery.Members known = members.get(channel);
        if (known == null) {
            return Map.of();
        }
        if (known.error() != null) {
            return Map.of(Readings.FABRIC_DISCOVERY_ERROR, known.error());
        }
        return Map.of(Readings.FABRIC_CHANNEL_PEERS, known.peers().stream().map(FabricDiscovery.ChannelPeer::shown)
                .collect(Collectors.joining(", ")));
    }

    private static NodeSample withInfo(NodeSample sample, Map<String, String> more) {
        if (more.isEmpty()) {
            return sample;
        }
        Map<String, String> info = new HashMap<>(sample.info());
        info.putAll(more);
        return new NodeSample(sample.nodeId(), sample.chainId(), sample.orgId(), sample.polledAtMs(), sample.outcome(),
                sample.error(), sample.readings(), info, sample.unsupported(), sample.channel());
    }

    private void connect(FabricTarget fabric) throws javax.net.ssl.SSLException {
        FabricIdentity identity = identities.forTarget(fabric);
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(fabric.peerEndpoint());
        if (fabric.tlsRootCertPem() == null || fabric.tlsRootCertPem().isBlank()) {
            builder.usePlaintext();
        } else {
            io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder ssl = GrpcSslContexts.forClient()
                    .trustManager(new ByteArrayInputStream(fabric.tlsRootCertPem().getBytes(StandardCharsets.UTF_8)));
            if (identity.tlsClient() != null) {
                // for peers that require a client certificate (CORE_PEER_TLS_CLIENTAUTHREQUIRED)
                ssl.keyManager(
                        new ByteArrayInputStream(identity.tlsClient().certificatePem().getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayInputStream(identity.tlsClient().privateKeyPem().getBytes(StandardCharsets.UTF_8)));
            }
            builder.sslContext(ssl.build());
            if (fabric.serverNameOverride() != null && !fabric.serverNameOverride().isBlank()) {
                builder.overrideAuthority(fabric.serverNameOverride());
            }
        }
        grpc = builder.build();
        discovery = new FabricDiscovery(grpc, identity, timeout);
        gateway = Gateway.newInstance()
                .identity(identity.identity())
                .signer(identity.signer())
                .connection(grpc)
                .evaluateOptions(options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .connect();
    }

    private NodeSample pollChannel(String channel, long polledAtMs) {
        Network network = networks.computeIfAbsent(channel, gateway::getNetwork);
        long started = System.nanoTime();
        BlockchainInfo info;
        try {
            byte[] answer = network.getContract(QSCC).newProposal("GetChainInfo").addArguments(channel).build()
                    .evaluate();
            info = BlockchainInfo.parseFrom(answer);
        } catch (GatewayException e) {
            return failure(channel, polledAtMs, e.getStatus(), e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return sample(channel, polledAtMs, PollOutcome.BAD_RESPONSE, target.fabric().peerEndpoint()
                    + " answered GetChainInfo(" + channel + ") with something that is not a BlockchainInfo", Map.of(),
                    Map.of());
        }
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        ChannelWatch watch = watches.computeIfAbsent(channel, this::newWatch);
        // the first time: blocks from the current height on (the next to be committed)
        watch.start(info.getHeight(), streams);
        ChannelWatch.Delivered delivered = watch.drain();

        Map<String, Double> readings = new HashMap<>();
        readings.put(Readings.BLOCK_HEIGHT, (double) info.getHeight());
        readings.put(Readings.RPC_LATENCY_MS, latencyMs);
        readings.put(Readings.FABRIC_BLOCKS, (double) delivered.blocks());
        readings.put(Readings.FABRIC_TX_COUNT, (double) delivered.txs());
        readings.put(Readings.FABRIC_TX_VALID, (double) delivered.valid());
        readings.put(Readings.FABRIC_TX_INVALID, (double) delivered.invalid());
        if (delivered.commitIntervalSeconds() != null) {
            readings.put(Readings.FABRIC_COMMIT_INTERVAL_SECONDS, delivered.commitIntervalSeconds());
        }
        Map<String, String> info2 = new HashMap<>();
        info2.put(Readings.HEAD_HASH, Base64.getEncoder().encodeToString(info.getCurrentBlockHash().toByteArray()));
        info2.put(Readings.HEAD_SOURCE, delivered.streaming() ? "deliver" : "polling");
        if (!delivered.chaincodes().isEmpty()) {
            info2.put(Readings.FABRIC_CHAINCODES, String.join(",", delivered.chaincodes()));
        }
        if (!delivered.invalidByCode().isEmpty()) {
            info2.put(Readings.FABRIC_INVALID_CODES, delivered.invalidByCode().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(",")));
        }
        return sample(channel, polledAtMs, PollOutcome.OK, null, readings, info2);
    }

    /** A block delivered after more than twice the poll interval without one: the channel went on, poll now. */
    @Override
    public synchronized void onNews(Runnable pollNow) {
        this.news = pollNow;
        watches.values().forEach(w -> w.onNews(target.pollIntervalMs(), pollNow));
    }

    private ChannelWatch newWatch(String channel) {
        ChannelWatch watch = new ChannelWatch(target.nodeId(), channel, networks.get(channel), timeout,
                checkpoints == null ? null
                        : checkpoints.resolve(safe(target.nodeId().toString())).resolve(safe(channel) + ".json"));
        if (news != null) {
            watch.onNews(target.pollIntervalMs(), news);
        }
        ChannelWatch previous = inherited.remove(channel);
        if (previous != null) {
            watch.continueFrom(previous);
        }
        return watch;
    }

    /**
     * Takes over the block streams of {@code previous}, the probe of the node's former target, for the channels
     * still watched: their counts go on from the block after the last one it saw (an edit neither resets nor skips
     * blocks). Its streams are stopped at once.
     */
    @Override
    public void continueFrom(io.chainwatch.collector.poll.NodeProbe previous) {
        if (!(previous instanceof FabricNodeProbe former)) {
            return;
        }
        Map<String, ChannelWatch> taken;
        synchronized (former) {
            taken = new LinkedHashMap<>(former.watches);
            former.watches.clear();
        }
        List<String> watched = target.fabric() == null ? List.of() : target.fabric().channels();
        synchronized (this) {
            taken.forEach((channel, watch) -> {
                // stopped now (the former connection closes): what it counted waits for this probe's watch
                watch.close();
                if (watched.contains(channel)) {
                    inherited.put(channel, watch);
                }
            });
        }
    }

    /**
     * Why the TLS handshake failed, when that is why the call did: the certificate's names do not match (set the
     * node's serverNameOverride), the peer wants a client certificate, or its certificate was not signed by the
     * node's tlsRootCertPem; {@code null} otherwise.
     */
    private static String tlsFailure(Status status) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                Throwable root = t;
                boolean wrongName = false;
                boolean clientCertificate = false;
                for (Throwable c = t; c != null; c = c.getCause()) {
                    root = c;
                    String text = String.valueOf(c.getMessage()).toUpperCase(java.util.Locale.ROOT);
                    wrongName |= text.contains("SUBJECT ALTERNATIVE") || text.contains("NO NAME MATCHING");
                    clientCertificate |= text.contains("CERTIFICATE_REQUIRED") || text.contains("BAD_CERTIFICATE");
                }
                String hint = wrongName
                        ? " (the peer's certificate is for another name: set the node's fabric.serverNameOverride)"
                        : clientCertificate
                        ? " (the peer wants a TLS client certificate from its organization's TLS CA: give the"
                                + " organization's Fabric identity a tlsCertificatePem and tlsPrivateKeyPem)"
                        : " (is the peer's certificate signed by the node's fabric.tlsRootCertPem?)";
                return root.getClass().getSimpleName() + ": " + root.getMessage() + hint;
            }
        }
        return null;
    }

    /** A file name part from an id or channel name. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Whether the peer's answer says it has not joined {@code channel}. What a Fabric 2.5.5 peer answers then
     * (captured): the Gateway's {@code Evaluate} on the channel, UNAVAILABLE "failed to get config for channel
     * [ghost]: could not get last config for channel ghost"; qscc asked through another channel, UNKNOWN "... chaincode
     * response 500, Invalid chain ID, ghost"; the endorser, "channel 'ghost' not found"; chaincode events,
     * PERMISSION_DENIED "Failed to get policy manager for channel [ghost]".
     */
    static boolean notJoined(String channel, Status status) {
        String text = String.valueOf(status.getDescription());
        return text.contains("could not get last config for channel " + channel)
                || text.contains("failed to get config for channel [" + channel + "]")
                || text.endsWith("Invalid chain ID, " + channel)
                || text.contains("channel '" + channel + "' not found")
                || text.contains("Failed to get policy manager for channel [" + channel + "]");
    }

    /** The words used everywhere (sample, log, registry) for a channel the peer has not joined. */
    static String notJoinedError(String channel) {
        return "peer has not joined channel " + channel;
    }

    private NodeSample failure(String channel, long polledAtMs, Status status, String message) {
        String endpoint = target.fabric().peerEndpoint();
        if (notJoined(channel, status)) {
            // the peer answered: a configuration problem of this channel, not an outage of the peer
            return sample(channel, polledAtMs, PollOutcome.ERRORING, notJoinedError(channel), Map.of(), Map.of());
        }
        String tls = tlsFailure(status);
        if (tls != null) {
            // reachable, but no trusted TLS session: a configuration problem to name, not an outage
            return sample(channel, polledAtMs, PollOutcome.BAD_RESPONSE, "TLS handshake with " + endpoint
                    + " failed: " + tls, Map.of(), Map.of());
        }
        PollOutcome outcome = switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> PollOutcome.TIMEOUT;
            case UNAVAILABLE -> PollOutcome.REFUSED;
            case UNIMPLEMENTED -> PollOutcome.UNSUPPORTED;
            default -> PollOutcome.BAD_RESPONSE;
        };
        String error = switch (outcome) {
            case TIMEOUT -> "no answer from " + endpoint + " within " + timeout.toMillis() + " ms";
            case REFUSED -> "could not reach " + endpoint + ": " + status.getCode() + " " + status.getDescription();
            default -> endpoint + " answered GetChainInfo(" + channel + ") with " + status.getCode() + ": " + message;
        };
        return sample(channel, polledAtMs, outcome, error, Map.of(), Map.of());
    }

    /**
     * The peer's own sample: OK when any channel answered — with its data, or with an error about that channel only
     * (ERRORING: e.g. not joined; the peer itself is up) — else the first channel's failure.
     */
    private NodeSample nodeSample(long polledAtMs, List<NodeSample> channels) {
        NodeSample best = channels.stream().filter(NodeSample::up).findFirst()
                .or(() -> channels.stream().filter(c -> c.outcome() == PollOutcome.ERRORING).findFirst())
                .orElse(channels.get(0));
        Map<String, Double> readings = new HashMap<>();
        if (best.up()) {
            readings.put(Readings.RPC_LATENCY_MS, best.reading(Readings.RPC_LATENCY_MS));
        }
        boolean answered = best.up() || best.outcome() == PollOutcome.ERRORING;
        return sample(null, polledAtMs, answered ? PollOutcome.OK : best.outcome(), answered ? null : best.error(),
                readings, Map.of());
    }

    private NodeSample sample(String channel, long polledAtMs, PollOutcome outcome, String error,
                              Map<String, Double> readings, Map<String, String> info) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, outcome, error, readings,
                info, List.of(), channel);
    }

    @Override
    public synchronized void close() {
        watches.values().forEach(ChannelWatch::close);
        watches.clear();
        inherited.values().forEach(ChannelWatch::close);
        inherited.clear();
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (grpc != null) {
            grpc.shutdownNow();
            grpc = null;
        }
    }
}
