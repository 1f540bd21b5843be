package io.chainwatch.collector.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Polls one Ethereum node: one batched JSON-RPC request per poll with {@code eth_blockNumber},
 * {@code eth_getBlockByNumber(latest, false)}, {@code eth_gasPrice}, {@code eth_syncing}, {@code eth_chainId},
 * {@code web3_clientVersion}, {@code txpool_status}, {@code net_peerCount}, and, while heads are polled rather
 * than subscribed, the block last seen (to notice that it was replaced). Methods the node does not offer are left
 * out (see {@link Capabilities}). Heads go to the node's {@link HeadTracker}; when one does not fit the chain seen,
 * the poll asks for the canonical blocks below it (a second request, only then) to find the reorg's depth.
 */
final class EthereumNodeProbe implements NodeProbe {

    /** The methods of one poll and the readings each one gives. */
    private enum Method {
        BLOCK_NUMBER("eth_blockNumber", List.of(Readings.BLOCK_HEIGHT)),
        // before LATEST_BLOCK: the block seen last is checked before the new head is taken
        SEEN_BLOCK("eth_getBlockByNumber", List.of()),
        LATEST_BLOCK("eth_getBlockByNumber", List.of(Readings.HEAD_TIMESTAMP_SECONDS, Readings.HEAD_AGE_SECONDS,
                Readings.BLOCK_TX_COUNT, Readings.BLOCK_GAS_USED, Readings.BLOCK_GAS_LIMIT)),
        GAS_PRICE("eth_gasPrice", List.of(Readings.GAS_PRICE_WEI)),
        SYNCING("eth_syncing", List.of(Readings.SYNCING)),
        CHAIN_ID("eth_chainId", List.of(Readings.CHAIN_ID)),
        CLIENT_VERSION("web3_clientVersion", List.of(Readings.CLIENT_VERSION)),
        TXPOOL_STATUS("txpool_status", List.of(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED)),
        PEER_COUNT("net_peerCount", List.of(Readings.PEER_COUNT));

        final String rpcName;
        final List<String> readings;

        Method(String rpcName, List<String> readings) {
            this.rpcName = rpcName;
            this.readings = readings;
        }
    }

    /** Canonical blocks asked for per step of a reorg resolution, and the most steps. */
    private static final int RESOLVE_STEP = 8;
    private static final int RESOLVE_STEPS = HeadTracker.KEEP / RESOLVE_STEP;

    private final NodeTarget target;
    private final Duration timeout;
    private final HttpService service;
    private final Web3j web3j;
    private final boolean validUrl;
    private final Capabilities capabilities = new Capabilities();
    private final HeadTracker tracker;
    private final HeadSubscription subscription;

    EthereumNodeProbe(NodeTarget target, OkHttpClient http, Duration timeout, Duration throughputWindow,
                      HeadSubscriptions subscriptions) {
        this.target = target;
        this.timeout = timeout;
        this.validUrl = target.rpcUrl() != null && HttpUrl.parse(target.rpcUrl()) != null;
        this.service = new HttpService(target.rpcUrl(), http);
        // web3j's own scheduler is only used for filters and subscriptions, which a poll does not use; give it a
        // daemon executor of its own (no thread starts until a task is scheduled) that shutdown() ends
        ScheduledThreadPoolExecutor web3jScheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "web3j-" + target.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        this.web3j = Web3j.build(service, 15_000L, web3jScheduler);
        this.tracker = new HeadTracker(throughputWindow);
        this.subscription = validUrl && subscriptions != null
                ? subscriptions.open(target.nodeId(), target.rpcUrl(), tracker)
                : null;
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        if (!validUrl) {
            return sample(polledAtMs, PollOutcome.UNSUPPORTED,
                    "rpc url \"" + target.rpcUrl() + "\" is not an http(s) URL", Map.of(), Map.of(), List.of());
        }
        if (subscription != null) {
            subscription.ensure();
        }
        boolean subscribed = subscription != null && subscription.active();
        long now = System.nanoTime();
        Long seen = subscribed ? null : tracker.newestNumber();
        BatchRequest batch = web3j.newBatch();
        Map<Long, Method> methodById = new HashMap<>();
        List<String> unsupported = new ArrayList<>();
        for (Method method : Method.values()) {
            if (method == Method.SEEN_BLOCK && seen == null) {
                continue;
            }
            // eth_blockNumber is always asked, so that a poll always reaches the node
            if (method != Method.BLOCK_NUMBER && !capabilities.ask(method.rpcName, now)) {
                unsupported.addAll(method.readings);
                continue;
            }
            Request<Object, RawResponse> request = new Request<>(method.rpcName, params(method, seen), service,
                    RawResponse.class);
            methodById.put(request.getId(), method);
            batch.add(request);
        }
        long started = System.nanoTime();
        BatchResponse answer;
        try {
            answer = batch.send();
        } catch (IOException | RuntimeException e) {
            return failure(polledAtMs, e);
        }
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        try {
            return read(polledAtMs, latencyMs, answer, methodById, unsupported, subscribed);
        } catch (PollFailure.MalformedAnswerException e) {
            return sample(polledAtMs, PollOutcome.BAD_RESPONSE, e.getMessage(), Map.of(), Map.of(), List.of());
        } catch (ResolveFailed e) {
            return failure(polledAtMs, e.getCause());
        }
    }

    private static List<Object> params(Method method, Long seen) {
        return switch (method) {
            case LATEST_BLOCK -> List.of("latest", false);
            case SEEN_BLOCK -> List.of("0x" + Long.toHexString(seen), false);
            default -> List.of();
        };
    }

    private NodeSample failure(long polledAtMs, Throwable e) {
        PollFailure failure = PollFailure.classify(e, target.rpcUrl(), timeout);
        return sample(polledAtMs, failure.outcome(), failure.message(), Map.of(), Map.of(), List.of());
    }

    private NodeSample read(long polledAtMs, double latencyMs, BatchResponse answer, Map<Long, Method> methodById,
                            List<String> unsupported, boolean subscribed) {
        Map<Method, Response<?>> byMethod = new LinkedHashMap<>();
        for (Response<?> response : answer.getResponses()) {
            Method method = methodById.get(response.getId());
            if (method == null) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl()
                        + " answered with a JSON-RPC id (" + response.getId() + ") that was not asked for");
            }
            byMethod.put(method, response);
        }
        Map<String, Double> readings = new HashMap<>();
        Map<String, String> info = new HashMap<>();
        StringJoiner errors = new StringJoiner("; ");
        readings.put(Readings.RPC_LATENCY_MS, latencyMs);
        long now = System.nanoTime();
        for (Method method : Method.values()) {
            if (!methodById.containsValue(method)) {
                continue;
            }
            Response<?> response = byMethod.get(method);
            if (response == null) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl() + " left " + method.rpcName
                        + " of the batch request unanswered");
            }
            if (response.hasError()) {
                if (Capabilities.meansUnsupported(response.getError())) {
                    capabilities.unsupported(method.rpcName, now);
                    unsupported.addAll(method.readings);
                } else {
                    errors.add(method.rpcName + ": " + response.getError().getMessage());
                }
                continue;
            }
            read(method, (JsonNode) response.getResult(), polledAtMs, readings, info, unsupported);
        }
        if (errors.length() > 0) {
            info.put(Readings.RPC_ERRORS, errors.toString());
        }
        resolveReorg();
        HeadTracker.Reorgs reorgs = tracker.drainReorgs();
        readings.put(Readings.REORG_COUNT, (double) reorgs.count());
        readings.put(Readings.REORG_DEPTH, (double) reorgs.maxDepth());
        putIfKnown(readings, Readings.BLOCK_INTERVAL_SECONDS, tracker.blockIntervalSeconds());
        putIfKnown(readings, Readings.TPS, tracker.tps());
        info.put(Readings.HEAD_SOURCE, subscribed ? "websocket" : "polling");
        return sample(polledAtMs, PollOutcome.OK, null, readings, info, unsupported);
    }

    private static void putIfKnown(Map<String, Double> readings, String name, Double value) {
        if (value != null) {
            readings.put(name, value);
        }
    }

    private void read(Method method, JsonNode result, long polledAtMs, Map<String, Double> readings,
                      Map<String, String> info, List<String> unsupported) {
        switch (method) {
            case BLOCK_NUMBER -> readings.put(Readings.BLOCK_HEIGHT, number(method, result));
            case LATEST_BLOCK -> {
                if (result != null && result.isObject()) {
                    HeadTracker.Head head = head(method, result);
                    readings.put(Readings.HEAD_TIMESTAMP_SECONDS, (double) head.timestamp());
                    readings.put(Readings.HEAD_AGE_SECONDS, Math.max(0, polledAtMs / 1000.0 - head.timestamp()));
                    readings.put(Readings.BLOCK_TX_COUNT, (double) head.txCount());
                    if (result.hasNonNull("gasUsed")) {
                        readings.put(Readings.BLOCK_GAS_USED, number(method, result.get("gasUsed")));
                    }
                    if (result.hasNonNull("gasLimit")) {
                        readings.put(Readings.BLOCK_GAS_LIMIT, number(method, result.get("gasLimit")));
                    }
                    if (result.hasNonNull("baseFeePerGas")) {
                        readings.put(Readings.BASE_FEE_WEI, number(method, result.get("baseFeePerGas")));
                    } else {
                        unsupported.add(Readings.BASE_FEE_WEI); // a chain without EIP-1559
                    }
                    info.put(Readings.HEAD_HASH, head.hash());
                    tracker.observe(head);
                } else if (result != null && !result.isNull()) {
                    throw malformed(method, result);
                }
            }
            case SEEN_BLOCK -> {
                if (result != null && result.isObject()) {
                    tracker.observe(head(method, result));
                }
            }
            case GAS_PRICE -> readings.put(Readings.GAS_PRICE_WEI, number(method, result));
            case SYNCING -> {
                if (result == null || result.isNull() || result.isBoolean()) {
                    readings.put(Readings.SYNCING, result != null && result.asBoolean() ? 1.0 : 0.0);
                } else if (result.isObject()) {
                    readings.put(Readings.SYNCING, 1.0);
                    if (result.hasNonNull("currentBlock")) {
                        readings.put(Readings.SYNC_CURRENT_BLOCK, number(method, result.get("currentBlock")));
                    }
                    if (result.hasNonNull("highestBlock")) {
                        readings.put(Readings.SYNC_HIGHEST_BLOCK, number(method, result.get("highestBlock")));
                    }
                } else {
                    throw malformed(method, result);
                }
            }
            case CHAIN_ID -> readings.put(Readings.CHAIN_ID, number(method, result));
            case CLIENT_VERSION -> {
                if (result != null && result.isTextual()) {
                    info.put(Readings.CLIENT_VERSION, result.asText());
                }
            }
            case TXPOOL_STATUS -> {
                if (result == null || !result.isObject()) {
                    throw malformed(method, result);
                }
                if (result.hasNonNull("pending")) {
                    readings.put(Readings.TXPOOL_PENDING, number(method, result.get("pending")));
                }
                if (result.hasNonNull("queued")) {
                    readings.put(Readings.TXPOOL_QUEUED, number(method, result.get("queued")));
                }
            }
            case PEER_COUNT -> readings.put(Readings.PEER_COUNT, number(method, result));
        }
    }

    private HeadTracker.Head head(Method method, JsonNode block) {
        JsonNode hash = block.get("hash");
        if (hash == null || !hash.isTextual()) {
            throw malformed(method, block);
        }
        JsonNode parent = block.get("parentHash");
        JsonNode transactions = block.get("transactions");
        return new HeadTracker.Head(
                (long) number(method, block.get("number")),
                hash.asText(),
                parent != null && parent.isTextual() ? parent.asText() : null,
                (long) number(method, block.get("timestamp")),
                transactions != null && transactions.isArray() ? transactions.size() : 0);
    }

    /** Asks for canonical blocks below a head that did not fit, step by step, until the fork point is found. */
    private void resolveReorg() {
        HeadTracker.Head conflicting = tracker.conflicting();
        long below = conflicting == null ? 0 : conflicting.number();
        for (int step = 1; conflicting != null && step <= RESOLVE_STEPS; step++) {
            List<Long> numbers = tracker.numbersToCompare(RESOLVE_STEP, below);
            boolean last = numbers.size() < RESOLVE_STEP || step == RESOLVE_STEPS;
            Map<Long, HeadTracker.Head> canonical = new HashMap<>();
            if (!numbers.isEmpty()) {
                BatchRequest batch = web3j.newBatch();
                for (long n : numbers) {
                    batch.add(new Request<>("eth_getBlockByNumber", List.of("0x" + Long.toHexString(n), false), service,
                            RawResponse.class));
                }
                try {
                    for (Response<?> response : batch.send().getResponses()) {
                        JsonNode block = (JsonNode) response.getResult();
                        if (!response.hasError() && block != null && block.isObject()) {
                            HeadTracker.Head head = head(Method.SEEN_BLOCK, block);
                            canonical.put(head.number(), head);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    throw new ResolveFailed(e);
                }
                below = numbers.get(numbers.size() - 1);
            }
            if (tracker.resolve(canonical, last)) {
                return;
            }
        }
    }

    /** Fetching the canonical blocks of a reorg failed: the poll fails as a transport failure would. */
    private static final class ResolveFailed extends RuntimeException {
        ResolveFailed(Throwable cause) {
            super(cause);
        }
    }

    private double number(Method method, JsonNode value) {
        try {
            BigInteger n;
            if (value != null && value.isNumber()) {
                n = Quantities.of(value.decimalValue());
            } else if (value != null && value.isTextual()) {
                n = Quantities.parse(value.asText());
            } else {
                throw malformed(method, value);
            }
            return n.doubleValue();
        } catch (NumberFormatException e) {
            throw malformed(method, value);
        }
    }

    private PollFailure.MalformedAnswerException malformed(Method method, JsonNode value) {
        String shown = value == null ? "nothing" : value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new PollFailure.MalformedAnswerException(
                target.rpcUrl() + " answered " + method.rpcName + " with " + shown + ", which is not what it should be");
    }

    private NodeSample sample(long polledAtMs, PollOutcome outcome, String error, Map<String, Double> readings,
                              Map<String, String> info, List<String> unsupported) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, outcome, error,
                readings, info, unsupported);
    }

    /** The node's chain as seen so far (tests look at it). */
    HeadTracker tracker() {
        return tracker;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        web3j.shutdown();
        // its idle connection, in a pool shared with other nodes, expires with the pool's keep-alive
    }
}
