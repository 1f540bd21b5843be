package io.chainwatch.collector.fabric;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.scrape.PrometheusText;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls one Fabric orderer (ordering service node), or any Fabric node registered without a peer endpoint, through
 * what an orderer offers over HTTP: its operations {@code /metrics} ({@link NodeTarget#metricsUrl()}) and, when
 * {@link FabricTarget#participationUrl()} is set, the channel participation API {@code /participation/v1/channels}.
 *
 * <p>The node's own sample is OK when either answered; when neither did it is REFUSED or TIMEOUT with the reason
 * (so rules on an unreachable node fire), logged at WARN once when the orderer goes down and at INFO when it is
 * back. Then one sample per channel — the channels the participation API lists (or, without it, those of the
 * metrics), restricted to the node's {@link FabricTarget#channels()} when some are listed — with
 * {@link Readings#BLOCK_HEIGHT}, the Raft readings ({@code orderer.raft.*}), {@link Readings#FABRIC_TX_SUBMITTED}
 * and {@link Readings#ORDERER_BROADCAST_REJECTED}. A listed channel the orderer does not serve gets an ERRORING
 * sample "orderer has not joined channel X".
 */
final class OrdererNodeProbe implements NodeProbe {

    private static final Logger log = LoggerFactory.getLogger(OrdererNodeProbe.class);
    private static final String PARTICIPATION = "/participation/v1/channels";

    private final NodeTarget target;
    private final FabricIdentities identities;
    private final OkHttpClient baseHttp;
    private final long maxBytes;
    private final JsonMapper json = JsonMapper.builder().build();
    private OkHttpClient adminHttp;
    /** Counters of the previous successful scrape, by name: the next sample carries their growth. */
    private Map<String, Double> previousCounters = Map.of();
    /** Channels seen at the last answer: a dead orderer's channel samples say so too. */
    private Set<String> knownChannels = new LinkedHashSet<>();
    private String lastError;
    private final Map<String, String> channelErrors = new HashMap<>();

    OrdererNodeProbe(NodeTarget target, FabricIdentities identities, OkHttpClient http, long maxBytes) {
        this.target = target;
        this.identities = identities;
        this.baseHttp = http;
        this.maxBytes = maxBytes;
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        return pollAll(polledAtMs).get(0);
    }

    @Override
    public synchronized List<NodeSample> pollAll(long polledAtMs) {
        FabricTarget fabric = target.fabric();
        String metricsUrl = target.metricsUrl();
        String participationUrl = fabric == null ? null : fabric.participationUrl();
        if (blank(metricsUrl) && blank(participationUrl)) {
            return List.of(sample(null, polledAtMs, PollOutcome.UNSUPPORTED, "the orderer has neither an operations"
                    + " endpoint (metricsUrl) nor a channel participation API (fabric.participationUrl) to watch",
                    Map.of(), Map.of()));
        }
        long started = System.nanoTime();
        // the operations metrics: Raft and broadcast series by channel
        Map<String, Map<String, Double>> byChannel = new LinkedHashMap<>();
        Map<String, Double> counters = new HashMap<>();
        Failure metricsFailure = null;
        if (!blank(metricsUrl)) {
            try {
                Fetched fetched = fetch(baseHttp, metricsUrl);
                if (fetched.status() != 200) {
                    metricsFailure = new Failure(PollOutcome.BAD_RESPONSE, "the orderer's operations endpoint "
                            + metricsUrl + " answered HTTP " + fetched.status());
                } else {
                    readMetrics(PrometheusText.parse(fetched.body()).series(), byChannel, counters);
                }
            } catch (IOException e) {
                metricsFailure = failure("the orderer's operations endpoint " + metricsUrl, e);
            }
        }
        // the channel participation API: the channels, their status and height
        Map<String, JsonNode> participation = null;
        Failure participationFailure = null;
        if (!blank(participationUrl)) {
            try {
                participation = participation(participationUrl);
            } catch (IOException | JacksonException | GeneralSecurityException e) {
                participationFailure = e instanceof IOException io
                        ? failure("the orderer's channel participation API " + participationUrl + PARTICIPATION, io)
                        : new Failure(PollOutcome.BAD_RESPONSE, "the orderer's channel participation API "
                                + participationUrl + PARTICIPATION + ": " + e.getMessage());
            }
        }
        boolean answered = (!blank(metricsUrl) && metricsFailure == null)
                || (!blank(participationUrl) && participationFailure == null);
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        if (!answered) {
            Failure first = metricsFailure != null ? metricsFailure : participationFailure;
            String error = participationFailure != null && metricsFailure != null
                    ? metricsFailure.error() + "; " + participationFailure.error() : first.error();
            if (lastError == null) {
                log.warn("orderer {} ({}) is down: {}", target.nodeName(), target.nodeId(), error);
            }
            lastError = error;
            List<NodeSample> samples = new ArrayList<>();
            samples.add(sample(null, polledAtMs, first.outcome(), error, Map.of(), Map.of()));
            for (String channel : channelsToReport(knownChannels)) {
                samples.add(sample(channel, polledAtMs, first.outcome(), error, Map.of(), Map.of()));
            }
            return samples;
        }
        if (lastError != null) {
            log.info("orderer {} ({}) answers again", target.nodeName(), target.nodeId());
            lastError = null;
        }
        Map<String, String> nodeInfo = new HashMap<>();
        String partial = metricsFailure != null ? metricsFailure.error()
                : participationFailure != null ? participationFailure.error() : null;
        if (partial != null) {
            nodeInfo.put(Readings.ORDERER_ERROR, partial);
        }
        Set<String> channels = new LinkedHashSet<>();
        if (participation != null) {
            channels.addAll(participation.keySet());
        } else {
            channels.addAll(byChannel.keySet());
        }
        knownChannels = channels;
        List<NodeSample> samples = new ArrayList<>();
        samples.add(sample(null, polledAtMs, PollOutcome.OK, null, Map.of(Readings.RPC_LATENCY_MS, latencyMs),
                nodeInfo));
        for (String channel : channelsToReport(channels)) {
            if (!channels.contains(channel)) {
                String error = "orderer has not joined channel " + channel;
                if (!error.equals(channelErrors.put(channel, error))) {
                    log.warn("orderer {} ({}): {}", target.nodeName(), target.nodeId(), error);
                }
                samples.add(sample(channel, polledAtMs, PollOutcome.ERRORING, error, Map.of(), Map.of()));
                continue;
            }
            channelErrors.remove(channel);
            Map<String, Double> readings = new HashMap<>(byChannel.getOrDefault(channel, Map.of()));
            Map<String, String> info = new HashMap<>();
            JsonNode status = participation == null ? null : participation.get(channel);
            if (status != null) {
                if (status.path("height").isNumber()) {
                    readings.put(Readings.BLOCK_HEIGHT, status.path("height").asDouble());
                }
                String state = status.path("status").asString("");
                readings.put(Readings.ORDERER_CHANNEL_ACTIVE, "active".equals(state) ? 1.0 : 0.0);
                info.put(Readings.ORDERER_CHANNEL_STATUS, state);
                info.put(Readings.ORDERER_CONSENSUS_RELATION, status.path("consensusRelation").asString(""));
            }
            Double isLeader = readings.get(Readings.ORDERER_RAFT_IS_LEADER);
            Double active = readings.get(Readings.ORDERER_RAFT_ACTIVE_NODES);
            if (isLeader != null || active != null) {
                boolean hasLeader = (isLeader != null && isLeader >= 1) || (active != null && active > 0);
                readings.put(Readings.ORDERER_RAFT_HAS_LEADER, hasLeader ? 1.0 : 0.0);
            }
            growth(counters, "submitted|" + channel, Readings.FABRIC_TX_SUBMITTED, readings);
            growth(counters, "rejected|" + channel, Readings.ORDERER_BROADCAST_REJECTED, readings);
            growth(counters, "leader_changes|" + channel, Readings.ORDERER_RAFT_LEADER_CHANGES, readings);
            samples.add(sample(channel, polledAtMs, PollOutcome.OK, null, readings, info));
        }
        if (metricsFailure == null) {
            previousCounters = counters;
        }
        return samples;
    }

    /** The node's listed channels, or all the orderer serves when none are listed. */
    private List<String> channelsToReport(Set<String> served) {
        FabricTarget fabric = target.fabric();
        return fabric == null || fabric.channels().isEmpty() ? List.copyOf(served) : fabric.channels();
    }

    /**
     * A counter's growth since the previous scrape as {@code reading}: absent at the first scrape and when the
     * counter went down (the orderer restarted: its counters start again at 0 — growth unknown).
     */
    private void growth(Map<String, Double> counters, String key, String reading, Map<String, Double> readings) {
        Double now = counters.get(key);
        Double before = previousCounters.get(key);
        if (previousCounters.isEmpty()) {
            return;
        }
        double current = now == null ? 0 : now;
        double previous = before == null ? 0 : before;
        if (current >= previous) {
            readings.put(reading, current - previous);
        }
    }

    /** Raft gauges by channel into {@code byChannel}; broadcast and leader-change counters into {@code counters}. */
    private static void readMetrics(List<PrometheusText.Series> series, Map<String, Map<String, Double>> byChannel,
                                    Map<String, Double> counters) {
        for (PrometheusText.Series s : series) {
            String channel = s.labels().get("channel");
            if (channel == null || channel.isEmpty() || Double.isNaN(s.value())) {
                continue;
            }
            String gauge = switch (s.name()) {
                case "consensus_etcdraft_is_leader" -> Readings.ORDERER_RAFT_IS_LEADER;
                case "consensus_etcdraft_cluster_size" -> Readings.ORDERER_RAFT_CLUSTER_SIZE;
                case "consensus_etcdraft_active_nodes" -> Readings.ORDERER_RAFT_ACTIVE_NODES;
                case "ledger_blockchain_height" -> Readings.BLOCK_HEIGHT;
                default -> null;
            };
            if (gauge != null) {
                byChannel.computeIfAbsent(channel, c -> new HashMap<>()).put(gauge, s.value());
                continue;
            }
            switch (s.name()) {
                case "consensus_etcdraft_leader_changes" ->
                        counters.merge("leader_changes|" + channel, s.value(), Double::sum);
                case "broadcast_processed_count" -> {
                    if ("SUCCESS".equals(s.labels().get("status"))) {
                        if ("ENDORSER_TRANSACTION".equals(s.labels().get("type"))) {
                            counters.merge("submitted|" + channel, s.value(), Double::sum);
                        }
                    } else {
                        counters.merge("rejected|" + channel, s.value(), Double::sum);
                    }
                }
                default -> {
                    // not an orderer reading
                }
            }
        }
    }

    /** The participation API's channels, each with its own info ({@code name, status, consensusRelation, height}). */
    private Map<String, JsonNode> participation(String base) throws IOException, GeneralSecurityException {
        OkHttpClient http = adminHttp();
        Fetched list = fetch(http, base + PARTICIPATION);
        if (list.status() != 200) {
            throw new IOException("HTTP " + list.status() + " " + list.body().strip());
        }
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        for (JsonNode channel : json.readTree(list.body()).path("channels")) {
            String name = channel.path("name").asString("");
            if (name.isEmpty()) {
                continue;
            }
            Fetched info = fetch(http, base + PARTICIPATION + "/" + name);
            if (info.status() == 200) {
                channels.put(name, json.readTree(info.body()));
            }
        }
        return channels;
    }

    /** The client for the admin port: over https, trusting the node's TLS root and showing the identity's TLS client certificate. */
    private OkHttpClient adminHttp() throws GeneralSecurityException, IOException {
        if (adminHttp != null) {
            return adminHttp;
        }
        FabricTarget fabric = target.fabric();
        HttpUrl url = HttpUrl.parse(fabric.participationUrl());
        if (url == null || !url.isHttps() || blank(fabric.tlsRootCertPem())) {
            adminHttp = baseHttp;
            return adminHttp;
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(fabric.tlsRootCertPem().getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        FabricIdentity identity = null;
        try {
            identity = identities.forTarget(fabric);
        } catch (RuntimeException none) {
            // no identity: the admin port will refuse the handshake, which names the reason
        }
        if (identity != null && identity.tlsClient() != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(identity.tlsClient().certificatePem().getBytes(StandardCharsets.US_ASCII)));
            keys.setKeyEntry("client", privateKey(identity.tlsClient().privateKeyPem()), new char[0],
                    new Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        OkHttpClient.Builder builder = baseHttp.newBuilder()
                .sslSocketFactory(ssl.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0]);
        adminHttp = builder.build();
        return adminHttp;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private record Fetched(int status, String body) {
    }

    private record Failure(PollOutcome outcome, String error) {
    }

    private Fetched fetch(OkHttpClient http, String url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            ResponseBody body = response.body();
            if (body == null) {
                return new Fetched(response.code(), "");
            }
            BufferedSource source = body.source();
            if (source.request(maxBytes + 1)) {
                throw new IOException("answer larger than " + maxBytes + " bytes");
            }
            return new Fetched(response.code(), source.getBuffer().readString(StandardCharsets.UTF_8));
        }
    }

    /** A failed HTTP call in plain words: unreachable (REFUSED), too slow (TIMEOUT), TLS not trusted (BAD_RESPONSE). */
    private static Failure failure(String what, IOException e) {
        if (e instanceof InterruptedIOException) {
            return new Failure(PollOutcome.TIMEOUT, what + ": no answer in time");
        }
        if (e instanceof SSLException) {
            return new Failure(PollOutcome.BAD_RESPONSE, "TLS handshake with " + what + " failed: " + e.getMessage()
                    + " (is the orderer's certificate signed by the node's fabric.tlsRootCertPem, and does the admin"
                    + " port accept the organization identity's TLS client certificate?)");
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return new Failure(PollOutcome.REFUSED, "could not reach " + what + ": " + e.getMessage());
        }
        return new Failure(PollOutcome.REFUSED, "could not reach " + what + ": " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private NodeSample sample(String channel, long polledAtMs, PollOutcome outcome, String error,
                              Map<String, Double> readings, Map<String, String> info) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, outcome, error, readings,
                info, List.of(), channel);
    }

    @Override
    public void close() {
        // the HTTP clients are shared (connection pool of the FabricProbe)
    }
}
