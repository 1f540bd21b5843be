package io.chainwatch.collector.ethereum;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The collector's previous Ethereum poll path (up to commit 253141d), kept in the benchmarks module only so that
 * {@code PollsPerCoreBenchmark} can measure it side by side with today's web3j path ({@link EthereumNodeProbe}) in one
 * run: the batch written as text and posted with OkHttp directly, the answer read as one Jackson tree.
 *
 * <p>Polls one Ethereum node: one batched JSON-RPC request per poll with {@code eth_blockNumber},
 * {@code eth_getBlockByNumber(latest, false)}, {@code eth_gasPrice}, {@code eth_syncing}, {@code eth_chainId},
 * {@code web3_clientVersion}, {@code txpool_status}, {@code net_peerCount}, and, while heads are polled rather
 * than subscribed, the block last seen (to notice that it was replaced). Methods the node does not offer are left
 * out (see {@link Capabilities}). Heads go to the node's {@link HeadTracker}; when one does not fit the chain seen,
 * the poll asks for the canonical blocks below it (a second request, only then) to find the reorg's depth.
 */
final class RawBatchNodeProbe implements NodeProbe {

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

    /** JSON-RPC ids of a poll's requests: the method's ordinal + 1 (ids only need to be unique within a batch). */
    private static final Method[] METHODS = Method.values();

    /** Each method's request as it is written in every poll (all but SEEN_BLOCK, whose parameter changes). */
    private static final String[] REQUESTS = new String[METHODS.length];

    static {
        for (Method method : METHODS) {
            if (method != Method.SEEN_BLOCK) {
                StringBuilder request = new StringBuilder();
                appendRequest(request, method.rpcName, params(method, null), method.ordinal() + 1);
                REQUESTS[method.ordinal()] = request.toString();
            }
        }
    }

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /** Parses answers (Jackson 2, as web3j did: numbers and trees as before); thread-safe once configured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeTarget target;
    private final Duration timeout;
    private final OkHttpClient http;
    /** The node's URL, parsed once; null when it is not an http(s) URL. */
    private final HttpUrl url;
    private final Capabilities capabilities = new Capabilities();
    private final HeadTracker tracker;
    private final HeadSubscription subscription;

    RawBatchNodeProbe(NodeTarget target, OkHttpClient http, Duration timeout, Duration throughputWindow,
                      HeadSubscriptions subscriptions) {
        this.target = target;
        this.timeout = timeout;
        this.http = http;
        this.url = target.rpcUrl() == null ? null : HttpUrl.parse(target.rpcUrl());
        this.tracker = new HeadTracker(throughputWindow);
        this.subscription = url != null && subscriptions != null
                ? subscriptions.open(target.nodeId(), target.rpcUrl(), tracker)
                : null;
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        if (url == null) {
            return sample(polledAtMs, PollOutcome.UNSUPPORTED,
                    "rpc url \"" + target.rpcUrl() + "\" is not an http(s) URL", Map.of(), Map.of(), List.of());
        }
        if (subscription != null) {
            subscription.ensure();
        }
        boolean subscribed = subscription != null && subscription.active();
        long now = System.nanoTime();
        Long seen = subscribed ? null : tracker.newestNumber();
        // the batch is written directly (fixed ids, no request objects): it is the same few hundred bytes every poll
        StringBuilder body = new StringBuilder(640).append('[');
        List<Method> asked = new ArrayList<>(METHODS.length);
        List<String> unsupported = new ArrayList<>();
        for (Method method : METHODS) {
            if (method == Method.SEEN_BLOCK && seen == null) {
                continue;
            }
            // eth_blockNumber is always asked, so that a poll always reaches the node
            if (method != Method.BLOCK_NUMBER && !capabilities.ask(method.rpcName, now)) {
                unsupported.addAll(method.readings);
                continue;
            }
            if (!asked.isEmpty()) {
                body.append(',');
            }
            if (method == Method.SEEN_BLOCK) {
                appendRequest(body, method.rpcName, params(method, seen), method.ordinal() + 1);
            } else {
                body.append(REQUESTS[method.ordinal()]);
            }
            asked.add(method);
        }
        body.append(']');
        long started = System.nanoTime();
        JsonNode answer;
        try {
            answer = send(body.toString());
        } catch (IOException | RuntimeException e) {
            return failure(polledAtMs, e);
        }
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        try {
            return read(polledAtMs, latencyMs, answers(answer, asked.size()), asked, unsupported, subscribed);
        } catch (PollFailure.MalformedAnswerException e) {
            return sample(polledAtMs, PollOutcome.BAD_RESPONSE, e.getMessage(), Map.of(), Map.of(), List.of());
        } catch (ResolveFailed e) {
            return failure(polledAtMs, e.getCause());
        }
    }

    /** The JSON parameters of a method in this poll (written as they are). */
    private static String params(Method method, Long seen) {
        return switch (method) {
            case LATEST_BLOCK -> "\"latest\",false";
            case SEEN_BLOCK -> "\"0x" + Long.toHexString(seen) + "\",false";
            default -> "";
        };
    }

    private static void appendRequest(StringBuilder body, String method, String params, int id) {
        body.append("{\"jsonrpc\":\"2.0\",\"method\":\"").append(method).append("\",\"params\":[").append(params)
                .append("],\"id\":").append(id).append('}');
    }

    /**
     * Posts a batch and parses the answer (read no further than the response size limit). An HTTP status other than
     * 2xx, a redirect included (redirects are not followed), is a BAD_RESPONSE; an answer that is not JSON throws
     * Jackson's exception, which {@link PollFailure} classifies.
     */
    private JsonNode send(String batch) throws IOException {
        Request request = new Request.Builder().url(url).post(RequestBody.create(batch, JSON_TYPE)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl() + " answered with HTTP status "
                        + response.code());
            }
            ResponseBody responseBody = response.body();
            if (responseBody == null) {
                return null;
            }
            try (InputStream in = responseBody.byteStream()) {
                return JSON.readTree(in);
            }
        }
    }

    /**
     * The answers of a batch of {@code asked} requests, by id. The answer must be a JSON array of at most one JSON
     * object per request, each with an id that was asked for (as web3j checked: an answer that is a single object,
     * e.g. one error for the whole batch, is not one).
     */
    private Map<Integer, JsonNode> answers(JsonNode answer, int asked) {
        if (answer == null || !answer.isArray() || answer.size() > asked) {
            throw new PollFailure.MalformedAnswerException(target.rpcUrl()
                    + " did not answer the batch request with one JSON-RPC answer per request");
        }
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode response : answer) {
            if (!response.isObject()) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl()
                        + " did not answer with JSON-RPC: an element of the batch answer is not an object");
            }
            JsonNode id = response.get("id");
            int n = id != null && (id.isIntegralNumber() || id.isTextual()) ? id.asInt(0) : 0;
            byId.put(n, response);
        }
        return byId;
    }

    private NodeSample failure(long polledAtMs, Throwable e) {
        PollFailure failure = PollFailure.classify(e, target.rpcUrl(), timeout);
        return sample(polledAtMs, failure.outcome(), failure.message(), Map.of(), Map.of(), List.of());
    }

    private NodeSample read(long polledAtMs, double latencyMs, Map<Integer, JsonNode> byId, List<Method> asked,
                            List<String> unsupported, boolean subscribed) {
        Map<Method, JsonNode> byMethod = new EnumMap<>(Method.class);
        for (Map.Entry<Integer, JsonNode> answer : byId.entrySet()) {
            int id = answer.getKey();
            Method method = id >= 1 && id <= METHODS.length ? METHODS[id - 1] : null;
            if (method == null || !asked.contains(method)) {
                JsonNode shown = answer.getValue().get("id");
                throw new PollFailure.MalformedAnswerException(target.rpcUrl()
                        + " answered with a JSON-RPC id (" + shown + ") that was not asked for");
            }
            byMethod.put(method, answer.getValue());
        }
        Map<String, Double> readings = new HashMap<>();
        Map<String, String> info = new HashMap<>();
        StringJoiner errors = new StringJoiner("; ");
        readings.put(Readings.RPC_LATENCY_MS, latencyMs);
        long now = System.nanoTime();
        for (Method method : asked) {
            JsonNode response = byMethod.get(method);
            if (response == null) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl() + " left " + method.rpcName
                        + " of the batch request unanswered");
            }
            JsonNode error = response.get("error");
            if (error != null && !error.isNull()) {
                int code = error.path("code").asInt(0);
                JsonNode message = error.get("message");
                String text = message == null || message.isNull() ? null : message.asText();
                if (Capabilities.meansUnsupported(code, text)) {
                    capabilities.unsupported(method.rpcName, now);
                    unsupported.addAll(method.readings);
                } else {
                    errors.add(method.rpcName + ": " + text);
                }
                continue;
            }
            read(method, response.get("result"), polledAtMs, readings, info, unsupported);
        }
        if (errors.length() > 0) {
            info.put(Readings.RPC_ERRORS, errors.toString());
        }
        resolveReorg();
        HeadTracker.Reorgs reorgs = tracker.drainReorgs();
        readings.put(Readings.REORG_COUNT, (double) reorgs.count());
        readings.put(Readings.REORG_DEPTH, (double) reorgs.maxDepth());
        HeadTracker.Throughput throughput = tracker.throughput();
        putIfKnown(readings, Readings.BLOCK_INTERVAL_SECONDS, throughput.blockIntervalSeconds());
        putIfKnown(readings, Readings.TPS, throughput.tps());
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
                StringBuilder body = new StringBuilder(128 * numbers.size()).append('[');
                for (int i = 0; i < numbers.size(); i++) {
                    if (i > 0) {
                        body.append(',');
                    }
                    appendRequest(body, "eth_getBlockByNumber", "\"0x" + Long.toHexString(numbers.get(i)) + "\",false",
                            i + 1);
                }
                body.append(']');
                try {
                    JsonNode answer = send(body.toString());
                    if (answer == null || !answer.isArray()) {
                        throw new PollFailure.MalformedAnswerException(target.rpcUrl()
                                + " did not answer the batch request with one JSON-RPC answer per request");
                    }
                    for (JsonNode response : answer) {
                        JsonNode error = response.get("error");
                        JsonNode block = response.get("result");
                        if ((error == null || error.isNull()) && block != null && block.isObject()) {
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
                String text = value.asText();
                int digits = text.length() - 2;
                if (digits >= 1 && digits <= 15 && text.charAt(0) == '0' && text.charAt(1) == 'x') {
                    // the usual case, a hex quantity that fits a long: read without BigInteger
                    long quick = quickHex(text);
                    if (quick >= 0) {
                        return quick;
                    }
                }
                n = Quantities.parse(text);
            } else {
                throw malformed(method, value);
            }
            return n.doubleValue();
        } catch (NumberFormatException e) {
            throw malformed(method, value);
        }
    }

    /** A {@code 0x} quantity of 1 to 15 hex digits, or -1 when a character is not a hex digit. */
    private static long quickHex(String text) {
        long n = 0;
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                return -1;
            }
            n = (n << 4) | d;
        }
        return n;
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
                readings, info, unsupported, null);
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
        // its idle connection, in a pool shared with other nodes, expires with the pool's keep-alive
    }
}
