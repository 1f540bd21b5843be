package io.chainwatch.collector.ethereum;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LocalHttpServer.Answer;
import io.chainwatch.collector.support.LogCapture;
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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The probe against nodes that are broken in the ways real ones are: protocol-level JSON-RPC test endpoints (a real
 * HTTP server on loopback answering as the broken node does: every call with an error, batches refused, a head going
 * backwards, no txpool) and real anvil where anvil can do it (a snapshot restored with {@code evm_revert}, a restart
 * with a fresh chain on the same port).
 */
class BrokenNodesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final EthereumProbe probe = new EthereumProbe(CollectorProperties.of(TIMEOUT, 4).withWebsocketHeads(false));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probe.destroy();
    }

    private EthereumNodeProbe open(String url) {
        EthereumNodeProbe node = (EthereumNodeProbe) probe.open(
                new NodeTarget(id("node-1"), "n1", id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM", url,
                        1000, 1, null, null, null));
        toClose.add(node);
        return node;
    }

    private static NodeSample poll(EthereumNodeProbe node) {
        return node.poll(System.currentTimeMillis());
    }

    private LocalHttpServer server(Function<String, Answer> handler) {
        LocalHttpServer server = LocalHttpServer.start(handler);
        toClose.add(server);
        return server;
    }

    /** A JSON-RPC answer to one request (an object) or to a batch (an array), each from {@code answer(request)}. */
    private static String answer(String body, Function<JsonNode, ObjectNode> answer) {
        JsonNode requests = JSON.readTree(body);
        if (requests.isObject()) {
            return answer.apply(requests).toString();
        }
        ArrayNode answers = JSON.createArrayNode();
        for (JsonNode request : requests) {
            answers.add(answer.apply(request));
        }
        return answers.toString();
    }

    private static ObjectNode result(JsonNode request, Object value) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        if (value instanceof JsonNode node) {
            answer.set("result", node);
        } else if (value == null) {
            answer.putNull("result");
        } else {
            answer.put("result", value.toString());
        }
        return answer;
    }

    private static ObjectNode error(JsonNode request, int code, String message) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    /** A block whose hash is derived from its number (the same block every time it is asked for). */
    private static ObjectNode block(long number, String chain) {
        ObjectNode block = JsonNodeFactory.instance.objectNode()
                .put("number", "0x" + Long.toHexString(number))
                .put("hash", hash(chain, number))
                .put("parentHash", number == 0 ? "0x" + "0".repeat(64) : hash(chain, number - 1))
                .put("timestamp", "0x" + Long.toHexString(1_700_000_000L + number));
        block.putArray("transactions");
        return block;
    }

    private static String hash(String chain, long number) {
        return String.format("0x%s%060x", chain, number);
    }

    /** A healthy node at {@code height.get()} of chain {@code chain} (a 4-hex-digit tag), with or without a txpool. */
    private static ObjectNode healthy(JsonNode request, AtomicLong height, String chain, boolean txpool,
                                      JsonNode pendingBlock) {
        String method = request.get("method").asString();
        return switch (method) {
            case "eth_blockNumber" -> result(request, "0x" + Long.toHexString(height.get()));
            case "eth_getBlockByNumber" -> {
                String which = request.get("params").get(0).asString();
                if ("pending".equals(which)) {
                    yield result(request, pendingBlock);
                }
                long n = switch (which) {
                    case "latest" -> height.get();
                    case "earliest" -> 0;
                    default -> Long.parseLong(which.substring(2), 16);
                };
                yield result(request, n > height.get() ? null : block(n, chain));
            }
            case "eth_chainId" -> result(request, "0x539");
            case "eth_syncing" -> result(request, JsonNodeFactory.instance.booleanNode(false));
            case "txpool_status" -> txpool
                    ? result(request, JsonNodeFactory.instance.objectNode().put("pending", "0x4").put("queued", "0x0"))
                    : error(request, -32601, "Method txpool_status not found");
            default -> result(request, "0x1");
        };
    }

    @Test
    void aNodeAnsweringEveryCallWithAnErrorIsErroringWithTheCodeAndMessage() {
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> error(request, -32000, "database corrupted: missing trie node"))));
        EthereumNodeProbe node = open(server.url());

        NodeSample sample = poll(node);

        assertThat(sample.outcome()).isEqualTo(PollOutcome.ERRORING);
        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("JSON-RPC error -32000: database corrupted: missing trie node (eth_blockNumber)");
        assertThat(sample.readings()).isEmpty();
        assertThat(sample.info().get(Readings.RPC_ERRORS)).contains("eth_chainId: database corrupted");
    }

    @Test
    void aRateLimitingProviderIsErroringAndARecoveredOneIsUpAgain() {
        AtomicInteger limited = new AtomicInteger(1);
        AtomicLong height = new AtomicLong(10);
        LocalHttpServer server = server(body -> Answer.json(answer(body, request -> limited.get() == 1
                ? error(request, -32005, "daily request count exceeded, request rate limited")
                : healthy(request, height, "aaaa", true, null))));
        EthereumNodeProbe node = open(server.url());

        assertThat(poll(node).error()).isEqualTo(
                "JSON-RPC error -32005: daily request count exceeded, request rate limited (eth_blockNumber)");
        limited.set(0);
        NodeSample recovered = poll(node);
        assertThat(recovered.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(recovered.reading(Readings.BLOCK_HEIGHT)).isEqualTo(10.0);
    }

    @Test
    void aNodeRefusingBatchesIsPolledWithSingleRequestsAndSaysSo() {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger singles = new AtomicInteger();
        AtomicLong height = new AtomicLong(7);
        // as many hosted providers and proxies: a batch gets one error for the whole request
        LocalHttpServer server = server(body -> {
            if (body.trim().startsWith("[")) {
                batches.incrementAndGet();
                return Answer.json("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                        + "\"message\":\"batch requests are not supported\"}}");
            }
            singles.incrementAndGet();
            return Answer.json(answer(body, request -> healthy(request, height, "bbbb", true, null)));
        });
        EthereumNodeProbe node = open(server.url());

        try (LogCapture log = LogCapture.of(EthereumNodeProbe.class)) {
            NodeSample first = poll(node);
            height.set(8);
            NodeSample second = poll(node);

            for (NodeSample sample : List.of(first, second)) {
                assertThat(sample.outcome()).as(sample.error()).isEqualTo(PollOutcome.OK);
                assertThat(sample.info()).containsEntry(Readings.RPC_MODE, "single");
                assertThat(sample.info().get(Readings.CAPABILITIES)).doesNotContain("batch").contains("txpool_status");
                assertThat(sample.reading(Readings.TXPOOL_PENDING)).isEqualTo(4.0);
            }
            assertThat(first.reading(Readings.BLOCK_HEIGHT)).isEqualTo(7.0);
            assertThat(second.reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);
            assertThat(batches).as("the choice is remembered: one batch tried").hasValue(1);
            assertThat(singles.get()).isGreaterThan(10);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("n1", server.url(), "refuses JSON-RPC batches", "single requests");
        }
    }

    @Test
    void aNodeAnsweringBatchesIsPolledInOneBatchAndSaysSo() {
        AtomicInteger requests = new AtomicInteger();
        AtomicLong height = new AtomicLong(3);
        LocalHttpServer server = server(body -> {
            requests.incrementAndGet();
            return Answer.json(answer(body, request -> healthy(request, height, "cccc", true, null)));
        });
        EthereumNodeProbe node = open(server.url());

        NodeSample sample = poll(node);

        assertThat(sample.info()).containsEntry(Readings.RPC_MODE, "batch")
                .containsEntry(Readings.CAPABILITIES, "batch,txpool_status")
                .containsEntry(Readings.PENDING_SOURCE, "txpool_status")
                .containsEntry(Readings.GENESIS_HASH, hash("cccc", 0));
        assertThat(requests).hasValue(1);
    }

    @Test
    void withoutTxpoolStatusPendingTransactionsComeFromThePendingBlock() {
        AtomicLong height = new AtomicLong(5);
        ObjectNode pending = block(6, "dddd");
        pending.putArray("transactions").add("0x01").add("0x02").add("0x03");
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> healthy(request, height, "dddd", false, pending))));
        EthereumNodeProbe node = open(server.url());

        NodeSample first = poll(node); // finds txpool_status missing
        NodeSample second = poll(node);

        assertThat(first.unsupported()).contains(Readings.TXPOOL_PENDING);
        assertThat(second.reading(Readings.TXPOOL_PENDING)).isEqualTo(3.0);
        assertThat(second.info()).containsEntry(Readings.PENDING_SOURCE, "pending_block");
        assertThat(second.info().get(Readings.CAPABILITIES)).isEqualTo("batch,pending_block");
        assertThat(second.unsupported()).contains(Readings.TXPOOL_QUEUED).doesNotContain(Readings.TXPOOL_PENDING);
    }

    @Test
    void withNeitherTxpoolStatusNorAPendingBlockPendingTransactionsAreUnsupported() {
        AtomicLong height = new AtomicLong(5);
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> healthy(request, height, "eeee", false, null))));
        EthereumNodeProbe node = open(server.url());

        poll(node);
        NodeSample second = poll(node);
        NodeSample third = poll(node);

        for (NodeSample sample : List.of(second, third)) {
            assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(sample.unsupported()).contains(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED);
            assertThat(sample.readings()).doesNotContainKey(Readings.TXPOOL_PENDING);
            assertThat(sample.info()).doesNotContainKey(Readings.PENDING_SOURCE);
        }
    }

    @Test
    void aHeadGoingBackWithoutAReorgIsAHeightRegression() {
        AtomicLong height = new AtomicLong(100);
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> healthy(request, height, "ffff", true, null))));
        EthereumNodeProbe node = open(server.url());

        try (LogCapture log = LogCapture.of(EthereumNodeProbe.class)) {
            poll(node);
            height.set(101);
            poll(node);
            height.set(40); // restored from an old snapshot: the same chain, 61 blocks back
            NodeSample back = poll(node);
            height.set(41);
            NodeSample next = poll(node);

            assertThat(back.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(back.reading(Readings.HEIGHT_REGRESSION)).isEqualTo(61.0);
            assertThat(back.reading(Readings.REORG_COUNT)).isZero();
            assertThat(back.readings()).doesNotContainKey(Readings.CHAIN_RESET);
            assertThat(next.readings()).doesNotContainKey(Readings.HEIGHT_REGRESSION);
            assertThat(next.reading(Readings.REORG_COUNT)).isZero();
            assertThat(log.warnings()).singleElement().asString()
                    .contains("n1", "height went back by 61 blocks, from 101 to 40");
        }
    }

    @Test
    void aLoadBalancedEndpointWhoseBackendsAreABlockApartIsNoRegression() {
        AtomicLong height = new AtomicLong(50);
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> healthy(request, height, "abab", true, null))));
        EthereumNodeProbe node = open(server.url());

        poll(node);
        height.set(52);
        poll(node);
        height.set(51); // the other backend, one block behind
        NodeSample behind = poll(node);

        assertThat(behind.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(behind.readings()).doesNotContainKeys(Readings.HEIGHT_REGRESSION, Readings.CHAIN_RESET);
        assertThat(behind.reading(Readings.REORG_COUNT)).isZero();
    }

    @Test
    void anvilRestoredFromASnapshotIsAHeightRegressionNotAReorg() {
        Anvil anvil = Anvil.start(0, null);
        toClose.add(anvil);
        anvil.mine(3);
        String snapshot = anvil.call("evm_snapshot", "[]").replaceAll(".*\"result\":\"([^\"]+)\".*", "$1");
        EthereumNodeProbe node = open(anvil.rpcUrl());
        poll(node);
        for (int i = 0; i < 5; i++) {
            anvil.mine(2);
            assertThat(poll(node).reading(Readings.REORG_COUNT)).isZero();
        }

        anvil.call("evm_revert", "[\"" + snapshot + "\"]"); // back to block 3, the same blocks
        NodeSample back = poll(node);

        assertThat(back.reading(Readings.BLOCK_HEIGHT)).isEqualTo(3.0);
        assertThat(back.reading(Readings.HEIGHT_REGRESSION)).isEqualTo(10.0);
        assertThat(back.reading(Readings.REORG_COUNT)).isZero();
        assertThat(back.readings()).doesNotContainKey(Readings.CHAIN_RESET);
    }

    @Test
    void anvilRestartedWithAFreshChainIsAChainResetWithCleanReorgCounters() throws Exception {
        Anvil anvil = Anvil.start(0, null);
        int port = anvil.port();
        anvil.mine(30);
        EthereumNodeProbe node = open(anvil.rpcUrl());
        NodeSample before = poll(node);
        String genesis = before.info().get(Readings.GENESIS_HASH);
        assertThat(genesis).startsWith("0x");
        anvil.kill();
        long killedAtSecond = System.currentTimeMillis() / 1000;
        assertThat(poll(node).outcome()).isEqualTo(PollOutcome.REFUSED);
        // anvil's genesis block carries its start time in seconds: a restart within the same second would not differ
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 > killedAtSecond);

        try (LogCapture log = LogCapture.of(EthereumNodeProbe.class)) {
            Anvil fresh = Anvil.start(port, 0, null);
            toClose.add(fresh);
            fresh.mine(40); // past the old head: without the genesis this would look like a reorg of depth 30
            NodeSample after = poll(node);
            fresh.mine(1);
            NodeSample next = poll(node);

            assertThat(after.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(after.reading(Readings.CHAIN_RESET)).isEqualTo(1.0);
            assertThat(after.info().get(Readings.GENESIS_HASH)).startsWith("0x").isNotEqualTo(genesis);
            assertThat(after.reading(Readings.REORG_COUNT)).isZero();
            assertThat(after.reading(Readings.REORG_DEPTH)).isZero();
            assertThat(next.readings()).doesNotContainKey(Readings.CHAIN_RESET);
            assertThat(next.reading(Readings.REORG_COUNT)).isZero();
            assertThat(log.warnings()).singleElement().asString().contains("n1", "chain reset", "genesis block changed");
        }
    }

    @Test
    void aNodeRestartedWithAFreshLowerChainWhileUpIsAChainReset() {
        AtomicLong height = new AtomicLong(65);
        String[] chain = {"1111"};
        LocalHttpServer server = server(body -> Answer.json(answer(body,
                request -> healthy(request, height, chain[0], true, null))));
        EthereumNodeProbe node = open(server.url());
        poll(node);
        height.set(66);
        poll(node);

        chain[0] = "2222"; // a dev client restarted between two polls: a fresh chain, 2 blocks so far
        height.set(2);
        NodeSample after = poll(node);

        assertThat(after.reading(Readings.CHAIN_RESET)).isEqualTo(1.0);
        assertThat(after.readings()).doesNotContainKey(Readings.HEIGHT_REGRESSION);
        assertThat(after.reading(Readings.REORG_COUNT)).isZero();
        assertThat(after.info()).containsEntry(Readings.GENESIS_HASH, hash("2222", 0));
    }
}
