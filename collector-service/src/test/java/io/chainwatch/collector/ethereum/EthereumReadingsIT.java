package io.chainwatch.collector.ethereum;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LocalHttpServer.Answer;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.Anvil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fuller Ethereum readings on real anvil nodes: transactions, gas and fees of the head block, block interval and
 * TPS, reorganizations (anvil's {@code anvil_reorg}) with their depth, new heads over WebSocket with polling as the
 * fallback, and capability detection (unsupported versus failed methods) against a local JSON-RPC server.
 */
class EthereumReadingsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** anvil's first dev account (unlocked) and a second address. */
    private static final String FROM = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final String TO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<EthereumProbe> probes = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probes.forEach(EthereumProbe::destroy);
    }

    private EthereumNodeProbe open(String url, boolean websocket) {
        EthereumProbe probe = new EthereumProbe(CollectorProperties.of(TIMEOUT, 4).withWebsocketHeads(websocket));
        probes.add(probe);
        EthereumNodeProbe node = (EthereumNodeProbe) probe.open(
                new NodeTarget(id("node-1"), "n1", id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM", url,
                        1000, 1, null, null, null));
        toClose.add(node);
        return node;
    }

    private Anvil anvil() {
        Anvil anvil = Anvil.start(0, null);
        toClose.add(anvil);
        return anvil;
    }

    private static void sendTransaction(Anvil anvil) {
        anvil.call("eth_sendTransaction", "[{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\",\"value\":\"0x1\"}]");
    }

    /**
     * Replaces the blocks above a snapshot by other blocks: reverts to the snapshot (anvil's {@code anvil_reorg}
     * needs the history that the test kit's {@code --prune-history} drops) and mines {@code blocks} new ones, the first
     * with a transaction so that its hash differs from the replaced block's.
     */
    private static void reorgTo(Anvil anvil, String snapshot, int blocks) {
        anvil.call("evm_revert", "[\"" + snapshot + "\"]");
        sendTransaction(anvil); // automine: one block with this transaction
        if (blocks > 1) {
            anvil.mine(blocks - 1);
        }
    }

    private static String snapshot(Anvil anvil) {
        return JSON.readTree(anvil.call("evm_snapshot", "[]")).get("result").asString();
    }

    private static NodeSample poll(EthereumNodeProbe node) {
        return node.poll(System.currentTimeMillis());
    }

    @Test
    void readsTransactionsGasAndFeesOfTheHeadAndTpsOverTheBlocksSeen() {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), false);
        anvil.call("evm_setAutomine", "[false]");
        anvil.call("anvil_setBlockTimestampInterval", "[2]");
        anvil.mine(1);
        assertThat(poll(node).reading(Readings.BLOCK_TX_COUNT)).isZero();

        // three blocks two seconds apart with 1, 2 and 3 transactions, each seen by a poll
        for (int txs = 1; txs <= 3; txs++) {
            for (int i = 0; i < txs; i++) {
                sendTransaction(anvil);
            }
            anvil.mine(1);
            NodeSample sample = poll(node);
            assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(sample.reading(Readings.BLOCK_TX_COUNT)).isEqualTo((double) txs);
        }
        NodeSample sample = poll(node);

        assertThat(sample.reading(Readings.BLOCK_GAS_USED)).isEqualTo(3 * 21000.0);
        assertThat(sample.reading(Readings.BLOCK_GAS_LIMIT)).isGreaterThan(1_000_000.0);
        assertThat(sample.reading(Readings.BASE_FEE_WEI)).isGreaterThan(0.0);
        assertThat(sample.reading(Readings.GAS_PRICE_WEI)).isGreaterThan(0.0);
        assertThat(sample.reading(Readings.BLOCK_INTERVAL_SECONDS)).isEqualTo(2.0);
        // 1 + 2 + 3 transactions in 3 blocks after the first, a block every 2 s
        assertThat(sample.reading(Readings.TPS)).isEqualTo(6 / 3.0 / 2.0);
        assertThat(sample.reading(Readings.REORG_COUNT)).isZero();
        assertThat(sample.info().get(Readings.HEAD_HASH)).startsWith("0x").hasSize(66);
        assertThat(sample.info()).containsEntry(Readings.HEAD_SOURCE, "polling");
    }

    @Test
    void aReorgSeenByPollingIsReportedWithItsDepth() {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), false);
        anvil.mine(3);
        String snapshot = snapshot(anvil);
        anvil.mine(1);
        poll(node);
        anvil.mine(1);
        NodeSample before = poll(node);
        assertThat(before.reading(Readings.BLOCK_HEIGHT)).isEqualTo(5.0);
        String headBefore = before.info().get(Readings.HEAD_HASH);

        reorgTo(anvil, snapshot, 2); // blocks 4 and 5 replaced by new ones

        NodeSample after = poll(node);
        assertThat(after.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(after.reading(Readings.BLOCK_HEIGHT)).isEqualTo(5.0);
        assertThat(after.info().get(Readings.HEAD_HASH)).isNotEqualTo(headBefore);
        assertThat(after.reading(Readings.REORG_COUNT)).isEqualTo(1.0);
        assertThat(after.reading(Readings.REORG_DEPTH)).isEqualTo(2.0);

        anvil.mine(1);
        NodeSample next = poll(node);
        assertThat(next.reading(Readings.REORG_COUNT)).isZero();
        assertThat(next.reading(Readings.REORG_DEPTH)).isZero();
    }

    @Test
    void aReorgBelowTheHeadIsFoundThroughTheBlockSeenLast() {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), false);
        anvil.mine(6);
        String snapshot = snapshot(anvil);
        for (int i = 0; i < 4; i++) { // blocks 7..10, each seen by a poll
            anvil.mine(1);
            poll(node);
        }

        // a deeper reorg (7..10 replaced), and the chain grows past it before the next poll: the new head's parent
        // is unknown, but block 10, seen last, now has another hash
        reorgTo(anvil, snapshot, 7);

        NodeSample after = poll(node);
        assertThat(after.reading(Readings.BLOCK_HEIGHT)).isEqualTo(13.0);
        assertThat(after.reading(Readings.REORG_COUNT)).isEqualTo(1.0);
        assertThat(after.reading(Readings.REORG_DEPTH)).isEqualTo(4.0);
    }

    @Test
    void newHeadsArriveOverWebSocketSoEveryBlockIsSeenBetweenPolls() {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), true);
        anvil.mine(1);
        poll(node); // starts the subscription
        await().atMost(Duration.ofSeconds(10)).until(() -> "websocket".equals(poll(node).info().get(Readings.HEAD_SOURCE)));
        long height = anvil.blockNumber();
        String snapshot = snapshot(anvil);

        for (int i = 0; i < 5; i++) {
            anvil.mine(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.tracker().newestNumber() == height + 5);

        // the five blocks mined between two polls were each seen, not only the newest
        for (long n = height + 1; n <= height + 5; n++) {
            assertThat(node.tracker().numbersToCompare(1, n + 1)).containsExactly(n);
        }
        NodeSample sample = poll(node);
        assertThat(sample.info()).containsEntry(Readings.HEAD_SOURCE, "websocket");
        assertThat(sample.reading(Readings.BLOCK_HEIGHT)).isEqualTo((double) height + 5);

        // a reorg arrives as new heads whose parents differ: found and measured by the next poll
        reorgTo(anvil, snapshot, 6); // the five blocks seen replaced, and one more
        await().atMost(Duration.ofSeconds(5)).until(() -> node.tracker().conflicting() != null
                && node.tracker().conflicting().number() == height + 6);
        NodeSample afterReorg = poll(node);
        assertThat(afterReorg.reading(Readings.REORG_COUNT)).isEqualTo(1.0);
        assertThat(afterReorg.reading(Readings.REORG_DEPTH)).isEqualTo(5.0);
    }

    /**
     * A chain that stalls and goes on: the head ending the silence asks for a poll at once (so the stall's alert
     * resolves without waiting for the poll interval); heads at the usual pace do not.
     */
    @Test
    void aHeadEndingASilenceAsksForAPollAtOnce() throws Exception {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), true); // polled every 1 s: a silence is more than 2 s
        AtomicInteger asked = new AtomicInteger();
        node.onNews(asked::incrementAndGet);
        anvil.mine(1);
        poll(node); // starts the subscription
        await().atMost(Duration.ofSeconds(10)).until(() -> "websocket".equals(poll(node).info().get(Readings.HEAD_SOURCE)));
        long height = anvil.blockNumber();

        for (int i = 1; i <= 4; i++) { // blocks one after the other: the usual pace, no news
            anvil.mine(1);
            long expected = height + i;
            await().atMost(Duration.ofSeconds(5)).until(() -> node.tracker().newestNumber() == expected);
        }
        assertThat(asked).hasValue(0);

        Thread.sleep(2_500); // the chain stalls for longer than twice the poll interval
        anvil.mine(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(asked).hasValue(1));
        assertThat(node.tracker().newestNumber()).isEqualTo(height + 5);

        anvil.mine(1); // and goes on at its pace: no more news
        await().atMost(Duration.ofSeconds(5)).until(() -> node.tracker().newestNumber() == height + 6);
        assertThat(asked).hasValue(1);
    }

    /**
     * Over HTTP only, a stalled chain that goes on is seen between polls: while the node's head has not moved for
     * more than twice the poll interval, its block number is checked every quarter interval, and a new block asks for
     * a poll at once. A chain at its pace is not watched, and the watch ends with the silence.
     */
    @Test
    void aSilentNodeWithoutWebSocketIsWatchedAndAsksForAPollWhenItGoesOn() throws Exception {
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), false); // polled every 1 s: silent after more than 2 s
        AtomicInteger asked = new AtomicInteger();
        node.onNews(asked::incrementAndGet);
        for (int i = 0; i < 3; i++) { // a block per poll: the usual pace, not watched
            anvil.mine(1);
            assertThat(poll(node).info()).containsEntry(Readings.HEAD_SOURCE, "polling");
            assertThat(node.silenceWatch().watching()).isFalse();
        }

        long stalledAt = System.nanoTime(); // the chain stalls: polled every 500 ms, watched after more than 2 s
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> poll(node) != null && node.silenceWatch().watching());
        assertThat((System.nanoTime() - stalledAt) / 1_000_000).as("ms before the node counts as silent").isGreaterThan(1900);
        await().atMost(Duration.ofSeconds(2)).until(() -> node.silenceWatch().checks() >= 2);
        assertThat(asked).as("no news while the chain stays stalled").hasValue(0);

        long minedAt = System.nanoTime();
        anvil.mine(1);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(asked).hasValue(1));
        assertThat((System.nanoTime() - minedAt) / 1_000_000).as("ms from the block to the news (checks every 250 ms)")
                .isLessThan(700);
        assertThat(node.silenceWatch().watching()).isFalse();

        poll(node); // the poll asked for sees the new head: not silent
        anvil.mine(1);
        poll(node);
        assertThat(node.silenceWatch().watching()).isFalse();
        assertThat(asked).hasValue(1);
    }

    /** A watched node that stops answering is left to the polls and their back-off, not checked four times as often. */
    @Test
    void aWatchedNodeThatFailsIsNoLongerChecked() throws Exception {
        AtomicInteger blockNumberRequests = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean();
        LocalHttpServer http = LocalHttpServer.start(body -> {
            if (body.contains("eth_blockNumber")) {
                blockNumberRequests.incrementAndGet();
            }
            if (down.get()) {
                return new Answer(503, "text/plain", "maintenance");
            }
            if (body.startsWith("{")) { // a single request: the watch's eth_blockNumber
                return Answer.json("{\"jsonrpc\":\"2.0\",\"id\":" + JSON.readTree(body).get("id") + ",\"result\":\"0x5\"}");
            }
            return Answer.json(answerAll(body, request -> healthyAnswer(request, "0x5")));
        });
        toClose.add(http);
        EthereumNodeProbe node = open(http.url(), false);
        AtomicInteger asked = new AtomicInteger();
        node.onNews(asked::incrementAndGet);
        assertThat(poll(node).outcome()).isEqualTo(PollOutcome.OK);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> poll(node).outcome() == PollOutcome.OK && node.silenceWatch().watching());
        await().atMost(Duration.ofSeconds(2)).until(() -> node.silenceWatch().checks() >= 2);
        assertThat(asked).as("block 5 is the head the polls saw: no news").hasValue(0);

        down.set(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> !node.silenceWatch().watching());
        int requests = blockNumberRequests.get();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)) // four checks' time: none sent
                .until(() -> blockNumberRequests.get() == requests);
        assertThat(poll(node).outcome()).isNotEqualTo(PollOutcome.OK);
        assertThat(node.silenceWatch().watching()).isFalse();
    }

    @Test
    void whenTheSubscriptionIsLostOrAbsentHeadsArePolled() {
        // a JSON-RPC server without WebSocket: polls read the head
        LocalHttpServer http = LocalHttpServer.start(
                body -> Answer.json(answerAll(body, request -> healthyAnswer(request, "0x1"))));
        toClose.add(http);
        EthereumNodeProbe fake = open(http.url(), true);
        for (int i = 0; i < 3; i++) {
            NodeSample sample = poll(fake);
            assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(sample.info()).containsEntry(Readings.HEAD_SOURCE, "polling");
        }

        // anvil restarted while subscribed: the subscription is lost, and polls read the head until it is retried
        Anvil anvil = anvil();
        EthereumNodeProbe node = open(anvil.rpcUrl(), true);
        poll(node);
        await().atMost(Duration.ofSeconds(10)).until(() -> "websocket".equals(poll(node).info().get(Readings.HEAD_SOURCE)));
        anvil.kill();
        Anvil restarted = Anvil.start(anvil.port(), 0, null);
        toClose.add(restarted);
        await().atMost(Duration.ofSeconds(10)).until(() -> poll(node).outcome() == PollOutcome.OK);
        NodeSample afterRestart = poll(node);
        assertThat(afterRestart.info()).containsEntry(Readings.HEAD_SOURCE, "polling");
        assertThat(afterRestart.reading(Readings.BLOCK_HEIGHT)).isZero();
    }

    @Test
    void aMethodTheNodeDoesNotOfferIsUnsupportedAndNotAskedAgainWhileOtherErrorsAreFailures() {
        Set<String> asked = ConcurrentHashMap.newKeySet();
        List<Integer> batchSizes = new ArrayList<>();
        LocalHttpServer server = LocalHttpServer.start(body -> {
            JsonNode requests = JSON.readTree(body);
            batchSizes.add(requests.size());
            ArrayNode answers = JSON.createArrayNode();
            for (JsonNode request : requests) {
                String method = request.get("method").asString();
                asked.add(method);
                ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
                answer.set("id", request.get("id"));
                switch (method) {
                    // geth without the txpool namespace
                    case "txpool_status" -> answer.putObject("error").put("code", -32000)
                            .put("message", "the method txpool_status does not exist/is not available");
                    case "net_peerCount" -> answer.putObject("error").put("code", -32601).put("message", "Method not found");
                    // a real failure of one method: not "unsupported"
                    case "eth_gasPrice" -> answer.putObject("error").put("code", -32603).put("message", "internal error: fee history unavailable");
                    case "eth_getBlockByNumber" -> {
                        ObjectNode block = answer.putObject("result").put("number", "0x20").put("hash", "0xb20")
                                .put("parentHash", "0xb19").put("timestamp", 1_700_000_000);
                        block.putArray("transactions");
                    }
                    case "eth_syncing" -> answer.put("result", false);
                    case "web3_clientVersion" -> answer.put("result", "Nethermind/v1.25");
                    default -> answer.put("result", "32"); // Nethermind-style decimal
                }
            }
            return Answer.json(answers.toString());
        });
        toClose.add(server);
        EthereumNodeProbe node = open(server.url(), false);

        NodeSample first = poll(node);
        assertThat(first.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(first.unsupported()).contains(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED, Readings.PEER_COUNT)
                .doesNotContain(Readings.GAS_PRICE_WEI);
        assertThat(first.readings()).doesNotContainKeys(Readings.GAS_PRICE_WEI, Readings.TXPOOL_PENDING);
        assertThat(first.info().get(Readings.RPC_ERRORS)).contains("eth_gasPrice: internal error");
        assertThat(first.reading(Readings.BLOCK_HEIGHT)).isEqualTo(32.0);
        assertThat(first.reading(Readings.CHAIN_ID)).isEqualTo(32.0);

        asked.clear();
        NodeSample second = poll(node);
        // the unsupported methods are left out of the batch but still reported unsupported; the failed one is asked
        assertThat(asked).doesNotContain("txpool_status", "net_peerCount").contains("eth_gasPrice");
        // - the genesis block (asked in the first poll only), - the two unsupported, + the block seen last, + the pending
        // block (asked instead of txpool_status)
        assertThat(batchSizes.get(1)).isEqualTo(batchSizes.get(0) - 1 - 2 + 1 + 1);
        assertThat(second.unsupported()).contains(Readings.TXPOOL_QUEUED, Readings.PEER_COUNT)
                .doesNotContain(Readings.TXPOOL_PENDING);
        assertThat(second.reading(Readings.TXPOOL_PENDING)).isZero(); // the pending block's (empty) transactions
        assertThat(second.info()).containsEntry(Readings.PENDING_SOURCE, "pending_block");
    }

    /** A batch answer with {@code result(method)} for every request. */
    /**
     * What a healthy node without WebSocket answers to a method of a poll: head block 5, {@code quantity} for every
     * number asked (the block number, gas price, chain id, peers).
     */
    private static JsonNode healthyAnswer(String method, String quantity) {
        return switch (method) {
            case "eth_getBlockByNumber" -> JSON.createObjectNode().put("number", "0x5").put("hash", "0xb5")
                    .put("parentHash", "0xb4").put("timestamp", "0x10").set("transactions", JSON.createArrayNode());
            case "txpool_status" -> JSON.createObjectNode().put("pending", "0x0").put("queued", "0x0");
            case "eth_syncing" -> JSON.getNodeFactory().booleanNode(false);
            case "web3_clientVersion" -> JSON.getNodeFactory().textNode("fake/1.0");
            default -> JSON.getNodeFactory().textNode(quantity);
        };
    }

    private static String answerAll(String body, java.util.function.Function<String, JsonNode> result) {
        JsonNode requests = JSON.readTree(body);
        ArrayNode answers = JSON.createArrayNode();
        for (JsonNode request : requests) {
            ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
            answer.set("id", request.get("id"));
            answer.set("result", result.apply(request.get("method").asString()));
        }
        return answers.toString();
    }
}
