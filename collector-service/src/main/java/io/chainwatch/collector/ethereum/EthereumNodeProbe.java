package io.chainwatch.collector.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code eth_getBlockByNumber(latest, false)}, {@code eth_syncing}, {@code eth_chainId},
 * {@code web3_clientVersion}, {@code txpool_status} and {@code net_peerCount}.
 */
final class EthereumNodeProbe implements NodeProbe {

    /** The methods of one poll and the readings each one gives. */
    private enum Method {
        BLOCK_NUMBER("eth_blockNumber", List.of(), List.of(Readings.BLOCK_HEIGHT)),
        LATEST_BLOCK("eth_getBlockByNumber", List.of("latest", false),
                List.of(Readings.HEAD_TIMESTAMP_SECONDS, Readings.HEAD_AGE_SECONDS)),
        SYNCING("eth_syncing", List.of(), List.of(Readings.SYNCING)),
        CHAIN_ID("eth_chainId", List.of(), List.of(Readings.CHAIN_ID)),
        CLIENT_VERSION("web3_clientVersion", List.of(), List.of(Readings.CLIENT_VERSION)),
        TXPOOL_STATUS("txpool_status", List.of(), List.of(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED)),
        PEER_COUNT("net_peerCount", List.of(), List.of(Readings.PEER_COUNT));

        final String rpcName;
        final List<Object> params;
        final List<String> readings;

        Method(String rpcName, List<Object> params, List<String> readings) {
            this.rpcName = rpcName;
            this.params = params;
            this.readings = readings;
        }
    }

    private final NodeTarget target;
    private final Duration timeout;
    private final HttpService service;
    private final Web3j web3j;
    private final boolean validUrl;

    EthereumNodeProbe(NodeTarget target, OkHttpClient http, Duration timeout) {
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
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        if (!validUrl) {
            return sample(polledAtMs, PollOutcome.UNSUPPORTED,
                    "rpc url \"" + target.rpcUrl() + "\" is not an http(s) URL", Map.of(), Map.of(), List.of());
        }
        BatchRequest batch = web3j.newBatch();
        Map<Long, Method> methodById = new HashMap<>();
        for (Method method : Method.values()) {
            Request<Object, RawResponse> request =
                    new Request<>(method.rpcName, method.params, service, RawResponse.class);
            methodById.put(request.getId(), method);
            batch.add(request);
        }
        long started = System.nanoTime();
        BatchResponse answer;
        try {
            answer = batch.send();
        } catch (IOException | RuntimeException e) {
            PollFailure failure = PollFailure.classify(e, target.rpcUrl(), timeout);
            return sample(polledAtMs, failure.outcome(), failure.message(), Map.of(), Map.of(), List.of());
        }
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        try {
            return read(polledAtMs, latencyMs, answer, methodById);
        } catch (PollFailure.MalformedAnswerException e) {
            return sample(polledAtMs, PollOutcome.BAD_RESPONSE, e.getMessage(), Map.of(), Map.of(), List.of());
        }
    }

    private NodeSample read(long polledAtMs, double latencyMs, BatchResponse answer, Map<Long, Method> methodById) {
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
        List<String> unsupported = new ArrayList<>();
        readings.put(Readings.RPC_LATENCY_MS, latencyMs);
        for (Method method : Method.values()) {
            Response<?> response = byMethod.get(method);
            if (response == null) {
                throw new PollFailure.MalformedAnswerException(target.rpcUrl() + " left " + method.rpcName
                        + " of the batch request unanswered");
            }
            if (response.hasError()) {
                unsupported.addAll(method.readings);
                continue;
            }
            JsonNode result = (JsonNode) response.getResult();
            read(method, result, polledAtMs, readings, info);
        }
        return sample(polledAtMs, PollOutcome.OK, null, readings, info, unsupported);
    }

    private void read(Method method, JsonNode result, long polledAtMs, Map<String, Double> readings,
                      Map<String, String> info) {
        switch (method) {
            case BLOCK_NUMBER -> readings.put(Readings.BLOCK_HEIGHT, number(method, result));
            case LATEST_BLOCK -> {
                if (result != null && result.isObject()) {
                    double timestamp = number(method, result.get("timestamp"));
                    readings.put(Readings.HEAD_TIMESTAMP_SECONDS, timestamp);
                    readings.put(Readings.HEAD_AGE_SECONDS, Math.max(0, polledAtMs / 1000.0 - timestamp));
                } else if (result != null && !result.isNull()) {
                    throw malformed(method, result);
                }
            }
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

    @Override
    public void close() {
        web3j.shutdown();
    }
}
