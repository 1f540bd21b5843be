package io.chainwatch.collector.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.poll.Urls;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.JsonRpc2_0Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.protocol.core.methods.response.TxPoolStatus;

/**
 * Polls one Ethereum node with web3j's typed requests ({@code ethBlockNumber()}, {@code ethGetBlockByNumber(latest,
 * false)}, {@code ethGasPrice()}, {@code ethSyncing()}, {@code ethChainId()}, {@code web3ClientVersion()},
 * {@code txPoolStatus()} or, without it, the pending block, {@code netPeerCount()} and, while heads are polled rather
 * than subscribed, the block last seen), sent as one web3j batch per poll through {@link JsonRpcService}. Methods the
 * node does not offer are left out (see {@link Capabilities}). A node that refuses batches (it answers a batch with
 * one error or an HTTP error status, but a single request properly) is polled with single requests from then on,
 * batches being tried again after {@link Capabilities#RECHECK}.
 *
 * <p>Heads go to the node's {@link HeadTracker}; when one does not fit the chain seen, the poll asks for the canonical
 * blocks below it (a second request, only then) to find the reorg's depth. Before that, the node's chain is checked:
 * a new genesis hash or chain id is a chain reset ({@link Readings#CHAIN_RESET}; the chain is followed afresh, no
 * reorg counted), and a head that went back without replacing a block seen is a height regression
 * ({@link Readings#HEIGHT_REGRESSION}). Each is logged at WARN. When every call of a poll comes back as a JSON-RPC
 * error (not "unsupported"), the poll's outcome is {@link PollOutcome#ERRORING}.
 *
 * <p>A chain that stalls and goes on is seen at once: over WebSocket by its first new head, over HTTP only by the
 * {@link SilenceWatch} that checks a silent node's block number between polls; either way the node is polled at once
 * ({@link #onNews}).
 */
final class EthereumNodeProbe implements NodeProbe {

    private static final Logger log = LoggerFactory.getLogger(EthereumNodeProbe.class);

    /** The methods of one poll and the readings each one gives. */
    private enum Method {
        BLOCK_NUMBER("eth_blockNumber", "eth_blockNumber", List.of(Readings.BLOCK_HEIGHT)),
        // before LATEST_BLOCK: the block seen last is checked before the new head is taken
        SEEN_BLOCK("eth_getBlockByNumber", "eth_getBlockByNumber", List.of()),
        LATEST_BLOCK("eth_getBlockByNumber", "eth_getBlockByNumber", List.of(Readings.HEAD_TIMESTAMP_SECONDS,
                Readings.HEAD_AGE_SECONDS, Readings.BLOCK_TX_COUNT, Readings.BLOCK_GAS_USED, Readings.BLOCK_GAS_LIMIT)),
        GAS_PRICE("eth_gasPrice", "eth_gasPrice", List.of(Readings.GAS_PRICE_WEI)),
        SYNCING("eth_syncing", "eth_syncing", List.of(Readings.SYNCING)),
        CHAIN_ID("eth_chainId", "eth_chainId", List.of(Readings.CHAIN_ID)),
        CLIENT_VERSION("web3_clientVersion", "web3_clientVersion", List.of(Readings.CLIENT_VERSION)),
        TXPOOL_STATUS("txpool_status", "txpool_status", List.of(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED)),
        // asked only while txpool_status is not offered
        PENDING_BLOCK("eth_getBlockByNumber", "pending_block", List.of(Readings.TXPOOL_PENDING)),
        PEER_COUNT("net_peerCount", "net_peerCount", List.of(Readings.PEER_COUNT)),
        // in the first poll and the first after a failure: the node's chain may have been reset meanwhile
        GENESIS_BLOCK("eth_getBlockByNumber", "genesis_block", List.of());

        final String rpcName;
        /** The name under which {@link Capabilities} remembers whether the node offers it. */
        final String capability;
        final List<String> readings;

        Method(String rpcName, String capability, List<String> readings) {
            this.rpcName = rpcName;
            this.capability = capability;
            this.readings = readings;
        }
    }

    /** Canonical blocks asked for per step of a reorg resolution, and the most steps. */
    private static final int RESOLVE_STEP = 8;
    private static final int RESOLVE_STEPS = HeadTracker.KEEP / RESOLVE_STEP;

    private static final Method[] METHODS = Method.values();

    /** {@link Readings#HEAD_SOURCE} while heads are polled. */
    private static final String HEAD_SOURCE_POLLING = "polling";

    /**
     * The fewest blocks a head must go back by to be a height regression: a load-balanced endpoint whose backends are a
     * block or two apart is not flagged.
     */
    static final int MIN_REGRESSION = 3;

    private final NodeTarget target;
    private final Duration timeout;
    /** The node's URL, parsed once; null when it is not an http(s) URL. */
    private final HttpUrl url;
    private final JsonRpcService service;
    private final Web3j web3j;
    private final Capabilities capabilities = new Capabilities();
    private final HeadTracker tracker;
    private final HeadSubscription subscription;
    /** Over HTTP only: watches the node while it is silent (null without an http(s) URL). */
    private final SilenceWatch silenceWatch;

    // written and read by the poll only (one at a time per node)
    /** While the node refuses batches: System.nanoTime() at which a batch is tried again; 0 in batch mode. */
    private long singleUntilNanos;
    private String genesisHash;
    private Double chainId;
    /** The highest head number polls have seen on the node's current chain; -1 before the first. */
    private long polledTop = -1;
    /** Whether the next OK poll asks for the genesis block (the first one, and the first after a failure). */
    private boolean checkGenesis = true;
    /** {@link #polledTop} when the last poll ended, and System.nanoTime() of the poll that first saw it. */
    private long lastTop = -1;
    private long lastTopSeenNanos;

    EthereumNodeProbe(NodeTarget target, OkHttpClient http, Duration timeout, Duration throughputWindow,
                      HeadSubscriptions subscriptions, ScheduledExecutorService web3jScheduler) {
        this.target = target;
        this.timeout = timeout;
        this.url = target.rpcUrl() == null ? null : HttpUrl.parse(target.rpcUrl());
        this.service = url == null ? null : new JsonRpcService(target.rpcUrl(), url, http);
        // web3j's scheduler is only used for filters and subscriptions, which a poll does not use: one for all nodes
        this.web3j = service == null ? null : new JsonRpc2_0Web3j(service, 15_000L, web3jScheduler);
        this.tracker = new HeadTracker(throughputWindow);
        this.subscription = url != null && subscriptions != null
                ? subscriptions.open(target.nodeId(), target.rpcUrl(), tracker)
                : null;
        this.silenceWatch = web3j == null ? null : new SilenceWatch(web3j, web3jScheduler, target.pollIntervalMs());
    }

    /**
     * The chain went on after a silence, poll now: a head over WebSocket after more than twice the poll interval
     * without one or, while heads are polled, a block number above the polled head found by the {@link SilenceWatch}.
     */
    @Override
    public void onNews(Runnable pollNow) {
        if (subscription != null) {
            subscription.onNews(target.pollIntervalMs(), pollNow);
        }
        if (silenceWatch != null) {
            silenceWatch.onNews(pollNow);
        }
    }

    /** {@code eth_blockNumber}, sent without a poll thread waiting: whether the node answers it with a number. */
    @Override
    public CompletionStage<Boolean> answersAgain() {
        if (web3j == null) {
            return null;
        }
        return web3j.ethBlockNumber().sendAsync()
                .handle((answer, failure) -> failure == null && answer != null && !answer.hasError());
    }

    /** One request of a poll. */
    private record Call(Method method, Request<?, ? extends Response<?>> request) {
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        NodeSample sample = pollOnce(polledAtMs);
        watchIfSilent(sample);
        return sample;
    }

    /**
     * Over HTTP only, a node whose head has not moved for longer than twice its poll interval and twice the chain's
     * recent block interval is silent: a stalled chain, or a node left behind. The {@link SilenceWatch} then checks
     * its block number between polls; any other poll (a new head, a failure, heads over WebSocket) stops the watch.
     * A chain at its usual pace is never watched, however slow its blocks.
     */
    private void watchIfSilent(NodeSample sample) {
        if (silenceWatch == null) {
            return;
        }
        long now = System.nanoTime();
        if (polledTop != lastTop) {
            lastTop = polledTop;
            lastTopSeenNanos = now;
        }
        boolean polled = sample.up() && HEAD_SOURCE_POLLING.equals(sample.info().get(Readings.HEAD_SOURCE));
        Double blockInterval = tracker.blockIntervalSeconds();
        long quietNanos = Math.max(2 * TimeUnit.MILLISECONDS.toNanos(target.pollIntervalMs()),
                blockInterval == null ? 0 : (long) (2 * blockInterval * 1e9));
        if (polled && lastTop >= 0 && now - lastTopSeenNanos > quietNanos) {
            silenceWatch.watch(lastTop);
        } else {
            silenceWatch.stop();
        }
    }

    /** The silence watch (null without an http(s) URL), for tests. */
    SilenceWatch silenceWatch() {
        return silenceWatch;
    }

    private NodeSample pollOnce(long polledAtMs) {
        if (url == null) {
            return sample(polledAtMs, PollOutcome.UNSUPPORTED,
                    "rpc url \"" + io.chainwatch.security.SecretUrls.mask(target.rpcUrl()) + "\" is not an http(s) URL", Map.of(), Map.of(), List.of());
        }
        if (subscription != null) {
            subscription.ensure();
        }
        boolean subscribed = subscription != null && subscription.active();
        long now = System.nanoTime();
        Long seen = subscribed ? null : tracker.newestNumber();
        List<Call> calls = new ArrayList<>(METHODS.length);
        List<String> unsupported = new ArrayList<>();
        boolean txpool = capabilities.ask(Method.TXPOOL_STATUS.capability, now);
        for (Method method : METHODS) {
            if (method == Method.SEEN_BLOCK && seen == null) {
                continue;
            }
            if ((method == Method.PENDING_BLOCK && txpool) || (method == Method.GENESIS_BLOCK && !checkGenesis)) {
                continue;
            }
            // eth_blockNumber is always asked, so that a poll always reaches the node
            if (method != Method.BLOCK_NUMBER && !capabilities.ask(method.capability, now)) {
                if (method == Method.TXPOOL_STATUS) {
                    unsupported.add(Readings.TXPOOL_QUEUED); // the pending block may stand in for the rest
                } else {
                    unsupported.addAll(method.readings);
                }
                continue;
            }
            calls.add(new Call(method, request(method, seen)));
        }
        long started = System.nanoTime();
        Map<Method, Response<?>> answers;
        boolean batch;
        try {
            batch = singleUntilNanos == 0 || now - singleUntilNanos >= 0;
            answers = batch ? exchangeBatch(calls, now) : null;
            if (answers == null) {
                batch = false;
                answers = exchangeSingly(calls);
            }
        } catch (IOException | RuntimeException e) {
            checkGenesis = true;
            return failure(polledAtMs, e);
        }
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        try {
            return read(polledAtMs, latencyMs, answers, calls, unsupported, subscribed, batch);
        } catch (PollFailure.MalformedAnswerException e) {
            checkGenesis = true;
            return sample(polledAtMs, PollOutcome.BAD_RESPONSE, e.getMessage(), Map.of(), Map.of(), List.of());
        } catch (ResolveFailed e) {
            checkGenesis = true;
            return failure(polledAtMs, e.getCause());
        }
    }

    /** web3j's typed request for a method of this poll. */
    private Request<?, ? extends Response<?>> request(Method method, Long seen) {
        return switch (method) {
            case BLOCK_NUMBER -> web3j.ethBlockNumber();
            case SEEN_BLOCK -> web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(seen)), false);
            case LATEST_BLOCK -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false);
            case GAS_PRICE -> web3j.ethGasPrice();
            case SYNCING -> web3j.ethSyncing();
            case CHAIN_ID -> web3j.ethChainId();
            case CLIENT_VERSION -> web3j.web3ClientVersion();
            case TXPOOL_STATUS -> web3j.txPoolStatus();
            case PENDING_BLOCK -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.PENDING, false);
            case PEER_COUNT -> web3j.netPeerCount();
            case GENESIS_BLOCK -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false);
        };
    }

    /**
     * Sends the poll as one web3j batch. Returns null when the node refuses batches: it answered the batch with one
     * JSON-RPC error or an HTTP error status, but a single {@code eth_blockNumber} properly (its id); the node is then
     * polled with single requests until {@link Capabilities#RECHECK} has passed.
     */
    private Map<Method, Response<?>> exchangeBatch(List<Call> calls, long now) throws IOException {
        BatchRequest batch = web3j.newBatch();
        Map<Long, Method> methodById = new HashMap<>();
        for (Call call : calls) {
            batch.add(call.request());
            methodById.put(call.request().getId(), call.method());
        }
        BatchResponse answer;
        try {
            answer = batch.send();
        } catch (JsonRpcService.NotABatchAnswer | JsonRpcService.HttpStatusException refused) {
            if (!answersSingleRequests()) {
                throw refused;
            }
            if (singleUntilNanos == 0) {
                log.warn("node {} ({}) refuses JSON-RPC batches ({}); polling it with single requests",
                        target.nodeName(), Urls.withoutCredentials(target.rpcUrl()), refused.getMessage());
            }
            singleUntilNanos = now + Capabilities.RECHECK.toNanos();
            return null;
        }
        if (singleUntilNanos != 0) {
            log.info("node {} ({}) answers JSON-RPC batches again", target.nodeName(),
                    Urls.withoutCredentials(target.rpcUrl()));
            singleUntilNanos = 0;
        }
        Map<Method, Response<?>> byMethod = new EnumMap<>(Method.class);
        for (Response<?> response : answer.getResponses()) {
            byMethod.put(methodById.get(response.getId()), response);
        }
        return byMethod;
    }

    /** Whether the node answers a single request with a JSON-RPC answer to it (its id), result or error. */
    private boolean answersSingleRequests() {
        Request<?, ? extends Response<?>> probe = web3j.ethBlockNumber();
        try {
            Response<?> response = probe.send();
            return response.getId() == probe.getId();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sends each request alone, in order (the node refuses batches). */
    private Map<Method, Response<?>> exchangeSingly(List<Call> calls) throws IOException {
        Map<Method, Response<?>> byMethod = new EnumMap<>(Method.class);
        for (Call call : calls) {
            byMethod.put(call.method(), call.request().send());
        }
        return byMethod;
    }

    private NodeSample failure(long polledAtMs, Throwable e) {
        PollFailure failure = PollFailure.classify(e, target.rpcUrl(), timeout);
        return sample(polledAtMs, failure.outcome(), failure.message(), Map.of(), Map.of(), List.of());
    }

    /** What one poll found, as it is read. */
    private static final class Found {
        final Map<String, Double> readings = new HashMap<>();
        final Map<String, String> info = new HashMap<>();
        final TreeSet<String> capabilities = new TreeSet<>();
        HeadTracker.Head seenHead;
        HeadTracker.Head latestHead;
        /** The genesis hash, when this poll asked for it and the node answered. */
        String genesisHash;
    }

    private NodeSample read(long polledAtMs, double latencyMs, Map<Method, Response<?>> byMethod, List<Call> calls,
                            List<String> unsupported, boolean subscribed, boolean batch) {
        Found found = new Found();
        StringJoiner errors = new StringJoiner("; ");
        String blockNumberError = null;
        int results = 0;
        found.readings.put(Readings.RPC_LATENCY_MS, latencyMs);
        long now = System.nanoTime();
        for (Call call : calls) {
            Method method = call.method();
            Response<?> response = byMethod.get(method);
            if (response == null) {
                throw new PollFailure.MalformedAnswerException(io.chainwatch.security.SecretUrls.mask(target.rpcUrl()) + " left " + method.rpcName
                        + " of the batch request unanswered");
            }
            if (response instanceof JsonRpcService.Unreadable unreadable) {
                throw unreadable.failure;
            }
            if (response.hasError()) {
                Response.Error error = response.getError();
                if (Capabilities.meansUnsupported(error.getCode(), error.getMessage())) {
                    capabilities.unsupported(method.capability, now);
                    unsupported.addAll(method.readings);
                } else {
                    errors.add(method.rpcName + ": " + error.getMessage());
                    if (method == Method.BLOCK_NUMBER) {
                        blockNumberError = "JSON-RPC error " + error.getCode() + ": " + error.getMessage() + " ("
                                + method.rpcName + ")";
                    }
                }
                continue;
            }
            results++;
            read(method, response, polledAtMs, found, unsupported);
        }
        if (errors.length() > 0) {
            found.info.put(Readings.RPC_ERRORS, errors.toString());
        }
        if (results == 0 && blockNumberError != null) {
            // the node answers, but with nothing but errors: a corrupt database, an overloaded or rate-limiting provider
            checkGenesis = true;
            return sample(polledAtMs, PollOutcome.ERRORING, blockNumberError, Map.of(), found.info, List.of());
        }
        followChain(found);
        resolveReorg();
        HeadTracker.Reorgs reorgs = tracker.drainReorgs();
        Map<String, Double> readings = found.readings;
        readings.put(Readings.REORG_COUNT, (double) reorgs.count());
        readings.put(Readings.REORG_DEPTH, (double) reorgs.maxDepth());
        HeadTracker.Throughput throughput = tracker.throughput();
        putIfKnown(readings, Readings.BLOCK_INTERVAL_SECONDS, throughput.blockIntervalSeconds());
        putIfKnown(readings, Readings.TPS, throughput.tps());
        found.info.put(Readings.HEAD_SOURCE, subscribed ? "websocket" : HEAD_SOURCE_POLLING);
        found.info.put(Readings.RPC_MODE, batch ? "batch" : "single");
        if (batch) {
            found.capabilities.add("batch");
        }
        if (subscribed) {
            found.capabilities.add("websocket_heads");
        }
        found.info.put(Readings.CAPABILITIES, String.join(",", found.capabilities));
        if (genesisHash != null) {
            found.info.put(Readings.GENESIS_HASH, genesisHash);
        }
        return sample(polledAtMs, PollOutcome.OK, null, readings, found.info, unsupported);
    }

    /**
     * Checks the node's chain before its heads are taken: a new genesis hash or chain id is a chain reset, a head that
     * went back without replacing a block seen (or by more than the tracker follows) a height regression. Either way
     * the tracker starts afresh, so no reorganization is counted for it. Then the heads are taken; a head that does
     * not fit (a reorg, or a reset not yet seen in the genesis) makes the genesis be checked before it is resolved.
     */
    private void followChain(Found found) {
        Double newChainId = found.readings.get(Readings.CHAIN_ID);
        boolean chainIdChanged = chainId != null && newChainId != null && !chainId.equals(newChainId);
        if (newChainId != null) {
            chainId = newChainId;
        }
        HeadTracker.Head head = found.latestHead;
        // the highest head polls saw (not the tracker's newest: a WebSocket head may just have overtaken this poll's)
        Long top = polledTop < 0 ? null : polledTop;
        if (head != null) {
            polledTop = Math.max(polledTop, head.number());
        }
        boolean wentBack = head != null && top != null && head.number() < top;
        boolean genesisAsked = checkGenesis || chainIdChanged || wentBack;
        boolean genesisChanged;
        if (checkGenesis) {
            // asked in this poll's batch
            genesisChanged = found.genesisHash != null && remember(found.genesisHash);
        } else {
            genesisChanged = genesisAsked && genesisChanged();
        }
        checkGenesis = false;
        if (chainIdChanged || genesisChanged) {
            reset(found, chainIdChanged ? "its chain id changed" : "its genesis block changed", top, head);
            return;
        }
        if (wentBack && top - head.number() >= MIN_REGRESSION
                && (!tracker.replacesHeld(head) || top - head.number() >= HeadTracker.KEEP)) {
            long drop = top - head.number();
            polledTop = head.number();
            found.readings.put(Readings.HEIGHT_REGRESSION, (double) drop);
            log.warn("node {} ({}): height went back by {} blocks, from {} to {}, more than a reorganization explains",
                    target.nodeName(), Urls.withoutCredentials(target.rpcUrl()), drop, top, head.number());
            tracker.reset();
            tracker.observe(head);
            return;
        }
        if (found.seenHead != null) {
            tracker.observe(found.seenHead);
        }
        if (head != null) {
            tracker.observe(head);
        }
        if (tracker.conflicting() != null && !genesisAsked && genesisChanged()) {
            reset(found, "its genesis block changed", top, head);
        }
    }

    private void reset(Found found, String why, Long top, HeadTracker.Head head) {
        found.readings.put(Readings.CHAIN_RESET, 1.0);
        polledTop = head == null ? -1 : head.number();
        log.warn("node {} ({}): chain reset, {} (chain id {}, genesis {}); head {} → {}", target.nodeName(),
                Urls.withoutCredentials(target.rpcUrl()), why, chainId == null ? "unknown" : chainId.longValue(),
                genesisHash == null ? "unknown" : genesisHash, top, head == null ? null : head.number());
        tracker.reset();
        if (head != null) {
            tracker.observe(head);
        }
    }

    /**
     * Asks the node for its genesis block; whether its hash differs from the one known. Remembers the hash. When the
     * node does not answer it, the genesis is not compared (the chain id still is).
     */
    private boolean genesisChanged() {
        if (!capabilities.ask(Method.GENESIS_BLOCK.capability, System.nanoTime())) {
            return false;
        }
        String hash;
        try {
            EthBlock answer = web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send();
            if (answer.hasError() || answer.getBlock() == null || answer.getBlock().getHash() == null) {
                return false;
            }
            hash = answer.getBlock().getHash();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return remember(hash);
    }

    /** Remembers the node's genesis hash; whether it differs from the one known before. */
    private boolean remember(String hash) {
        boolean changed = genesisHash != null && !genesisHash.equalsIgnoreCase(hash);
        genesisHash = hash;
        return changed;
    }

    private static void putIfKnown(Map<String, Double> readings, String name, Double value) {
        if (value != null) {
            readings.put(name, value);
        }
    }

    private void read(Method method, Response<?> response, long polledAtMs, Found found, List<String> unsupported) {
        Map<String, Double> readings = found.readings;
        Map<String, String> info = found.info;
        Object result = response.getResult();
        switch (method) {
            case BLOCK_NUMBER -> readings.put(Readings.BLOCK_HEIGHT, number(method, result));
            case LATEST_BLOCK -> {
                EthBlock.Block block = ((EthBlock) response).getBlock();
                if (block != null) {
                    HeadTracker.Head head = head(method, block);
                    readings.put(Readings.HEAD_TIMESTAMP_SECONDS, (double) head.timestamp());
                    readings.put(Readings.HEAD_AGE_SECONDS, Math.max(0, polledAtMs / 1000.0 - head.timestamp()));
                    readings.put(Readings.BLOCK_TX_COUNT, (double) head.txCount());
                    if (block.getGasUsedRaw() != null) {
                        readings.put(Readings.BLOCK_GAS_USED, number(method, block.getGasUsedRaw()));
                    }
                    if (block.getGasLimitRaw() != null) {
                        readings.put(Readings.BLOCK_GAS_LIMIT, number(method, block.getGasLimitRaw()));
                    }
                    if (block.getBaseFeePerGasRaw() != null) {
                        readings.put(Readings.BASE_FEE_WEI, number(method, block.getBaseFeePerGasRaw()));
                    } else {
                        unsupported.add(Readings.BASE_FEE_WEI); // a chain without EIP-1559
                    }
                    info.put(Readings.HEAD_HASH, head.hash());
                    found.latestHead = head;
                }
            }
            case SEEN_BLOCK -> {
                EthBlock.Block block = ((EthBlock) response).getBlock();
                if (block != null) {
                    found.seenHead = head(method, block);
                }
            }
            case PENDING_BLOCK -> {
                EthBlock.Block block = ((EthBlock) response).getBlock();
                if (block == null) {
                    // no pending block on this client: nothing stands in for txpool_status
                    capabilities.unsupported(method.capability, System.nanoTime());
                    unsupported.add(Readings.TXPOOL_PENDING);
                } else {
                    List<?> transactions = block.getTransactions();
                    readings.put(Readings.TXPOOL_PENDING, transactions == null ? 0.0 : transactions.size());
                    info.put(Readings.PENDING_SOURCE, "pending_block");
                    found.capabilities.add("pending_block");
                }
            }
            case GAS_PRICE -> readings.put(Readings.GAS_PRICE_WEI, number(method, result));
            case SYNCING -> {
                if (result == null) {
                    readings.put(Readings.SYNCING, 0.0);
                } else if (result instanceof EthSyncing.Syncing syncing) {
                    readings.put(Readings.SYNCING, 1.0);
                    if (syncing.getCurrentBlock() != null) {
                        readings.put(Readings.SYNC_CURRENT_BLOCK, number(method, syncing.getCurrentBlock()));
                    }
                    if (syncing.getHighestBlock() != null) {
                        readings.put(Readings.SYNC_HIGHEST_BLOCK, number(method, syncing.getHighestBlock()));
                    }
                } else {
                    readings.put(Readings.SYNCING, ((EthSyncing.Result) result).isSyncing() ? 1.0 : 0.0);
                }
            }
            case CHAIN_ID -> readings.put(Readings.CHAIN_ID, number(method, result));
            case CLIENT_VERSION -> {
                if (result instanceof String version) {
                    info.put(Readings.CLIENT_VERSION, version);
                }
            }
            case TXPOOL_STATUS -> {
                Map<String, String> status = ((TxPoolStatus) response).getResult();
                if (status == null) {
                    throw malformed(method, null);
                }
                if (status.get("pending") != null) {
                    readings.put(Readings.TXPOOL_PENDING, number(method, status.get("pending")));
                    info.put(Readings.PENDING_SOURCE, "txpool_status");
                }
                if (status.get("queued") != null) {
                    readings.put(Readings.TXPOOL_QUEUED, number(method, status.get("queued")));
                }
                found.capabilities.add("txpool_status");
            }
            case PEER_COUNT -> readings.put(Readings.PEER_COUNT, number(method, result));
            case GENESIS_BLOCK -> {
                EthBlock.Block block = ((EthBlock) response).getBlock();
                found.genesisHash = block == null ? null : block.getHash();
            }
        }
    }

    private HeadTracker.Head head(Method method, EthBlock.Block block) {
        if (block.getHash() == null) {
            throw malformed(method, block.getHash());
        }
        List<?> transactions = block.getTransactions();
        return new HeadTracker.Head(
                (long) number(method, block.getNumberRaw()),
                block.getHash(),
                block.getParentHash(),
                (long) number(method, block.getTimestampRaw()),
                transactions == null ? 0 : transactions.size());
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
                try {
                    List<Response<?>> answers = new ArrayList<>(numbers.size());
                    if (singleUntilNanos == 0) {
                        BatchRequest batch = web3j.newBatch();
                        for (long n : numbers) {
                            batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                                    false));
                        }
                        answers.addAll(batch.send().getResponses());
                    } else {
                        for (long n : numbers) {
                            answers.add(web3j.ethGetBlockByNumber(
                                    DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false).send());
                        }
                    }
                    for (Response<?> answer : answers) {
                        EthBlock.Block block = answer.hasError() ? null : ((EthBlock) answer).getBlock();
                        if (block != null) {
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

    /** A quantity as the node wrote it: hex ({@code 0x1a}) or decimal ({@code 26}), text or a JSON number. */
    private double number(Method method, Object value) {
        if (!(value instanceof String text)) {
            throw malformed(method, value);
        }
        try {
            int digits = text.length() - 2;
            if (digits >= 1 && digits <= 15 && text.charAt(0) == '0' && text.charAt(1) == 'x') {
                // the usual case, a hex quantity that fits a long: read without BigInteger
                long quick = quickHex(text);
                if (quick >= 0) {
                    return quick;
                }
            }
            return Quantities.parse(text).doubleValue();
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

    private PollFailure.MalformedAnswerException malformed(Method method, Object value) {
        String shown = value == null ? "nothing" : value instanceof String text ? "\"" + text + "\"" : value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new PollFailure.MalformedAnswerException(
                io.chainwatch.security.SecretUrls.mask(target.rpcUrl()) + " answered " + method.rpcName + " with " + shown + ", which is not what it should be");
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
        if (silenceWatch != null) {
            silenceWatch.stop();
        }
        // its idle connection, in a pool shared with other nodes, expires with the pool's keep-alive
    }
}
