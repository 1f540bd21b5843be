package io.chainwatch.collector.ethereum;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LocalHttpServer.Answer;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Ethereum probe against real servers: anvil, and local HTTP servers that answer badly or not at all. */
class EthereumProbeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EthereumProbe probe = new EthereumProbe(CollectorProperties.of(TIMEOUT, 4).withWebsocketHeads(false));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probe.destroy();
    }

    private NodeSample pollOnce(String url) {
        NodeTarget target = new NodeTarget(id("node-1"), "n1", id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM",
                url, 1000, 1, null, null, null);
        NodeProbe node = probe.open(target);
        toClose.add(node);
        return node.poll(System.currentTimeMillis());
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Test
    void readsEverythingAnvilOffersAndMarksPeerCountUnsupported() {
        Anvil anvil = closeLater(Anvil.start(0, null));
        anvil.mine(3);

        NodeSample sample = pollOnce(anvil.rpcUrl());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(sample.error()).isNull();
        assertThat(sample.reading(Readings.BLOCK_HEIGHT)).isEqualTo((double) anvil.blockNumber());
        assertThat(sample.reading(Readings.CHAIN_ID)).isEqualTo(31337.0);
        assertThat(sample.reading(Readings.SYNCING)).isEqualTo(0.0);
        assertThat(sample.reading(Readings.TXPOOL_PENDING)).isEqualTo(0.0);
        assertThat(sample.reading(Readings.TXPOOL_QUEUED)).isEqualTo(0.0);
        assertThat(sample.reading(Readings.HEAD_AGE_SECONDS)).isBetween(0.0, 10.0);
        assertThat(sample.reading(Readings.HEAD_TIMESTAMP_SECONDS)).isGreaterThan(1_600_000_000.0);
        assertThat(sample.reading(Readings.RPC_LATENCY_MS)).isGreaterThan(0.0);
        assertThat(sample.info().get(Readings.CLIENT_VERSION)).containsIgnoringCase("anvil");
        assertThat(sample.unsupported()).containsExactly(Readings.PEER_COUNT);
        assertThat(sample.readings()).doesNotContainKey(Readings.PEER_COUNT);
    }

    @Test
    void readsDecimalNumbersAndAnswersInAnyOrder() {
        long now = System.currentTimeMillis() / 1000;
        LocalHttpServer server = closeLater(LocalHttpServer.start(body -> {
            JsonNode requests = JSON.readTree(body);
            ArrayNode answers = JSON.createArrayNode();
            for (int i = requests.size() - 1; i >= 0; i--) { // reversed: ids, not positions, pair them
                JsonNode request = requests.get(i);
                ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
                answer.set("id", request.get("id"));
                switch (request.get("method").asString()) {
                    case "eth_blockNumber" -> answer.put("result", "1234");
                    case "eth_getBlockByNumber" -> {
                        ObjectNode block = answer.putObject("result").put("timestamp", now - 5).put("number", 1234)
                                .put("hash", "0xb1234").put("parentHash", "0xb1233").put("gasUsed", "42000")
                                .put("gasLimit", 30000000).put("baseFeePerGas", "7");
                        block.putArray("transactions").add("0xt1").add("0xt2");
                    }
                    case "eth_gasPrice" -> answer.put("result", "1000000000");
                    case "eth_syncing" -> answer.putObject("result").put("currentBlock", "0x10").put("highestBlock", "200");
                    case "eth_chainId" -> answer.put("result", 5);
                    case "web3_clientVersion" -> answer.put("result", "fake/1.0");
                    case "txpool_status" -> answer.putObject("result").put("pending", "3").put("queued", "0x2");
                    case "net_peerCount" -> answer.put("result", "0x19");
                    default -> answer.putObject("error").put("code", -32601).put("message", "method not found");
                }
            }
            return Answer.json(answers.toString());
        }));

        NodeSample sample = pollOnce(server.url());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(sample.reading(Readings.BLOCK_HEIGHT)).isEqualTo(1234.0);
        assertThat(sample.reading(Readings.CHAIN_ID)).isEqualTo(5.0);
        assertThat(sample.reading(Readings.SYNCING)).isEqualTo(1.0);
        assertThat(sample.reading(Readings.SYNC_CURRENT_BLOCK)).isEqualTo(16.0);
        assertThat(sample.reading(Readings.SYNC_HIGHEST_BLOCK)).isEqualTo(200.0);
        assertThat(sample.reading(Readings.TXPOOL_PENDING)).isEqualTo(3.0);
        assertThat(sample.reading(Readings.TXPOOL_QUEUED)).isEqualTo(2.0);
        assertThat(sample.reading(Readings.PEER_COUNT)).isEqualTo(25.0);
        assertThat(sample.reading(Readings.HEAD_AGE_SECONDS)).isBetween(4.0, 8.0);
        assertThat(sample.reading(Readings.BLOCK_TX_COUNT)).isEqualTo(2.0);
        assertThat(sample.reading(Readings.BLOCK_GAS_USED)).isEqualTo(42000.0);
        assertThat(sample.reading(Readings.BLOCK_GAS_LIMIT)).isEqualTo(30_000_000.0);
        assertThat(sample.reading(Readings.BASE_FEE_WEI)).isEqualTo(7.0);
        assertThat(sample.reading(Readings.GAS_PRICE_WEI)).isEqualTo(1e9);
        assertThat(sample.info()).containsEntry(Readings.CLIENT_VERSION, "fake/1.0").containsEntry(Readings.HEAD_HASH, "0xb1234");
        assertThat(sample.unsupported()).isEmpty();
    }

    @Test
    void htmlIsABadResponse() {
        LocalHttpServer server = closeLater(LocalHttpServer.start(
                body -> new Answer(200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>")));

        NodeSample sample = pollOnce(server.url());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(sample.error()).contains(server.url()).contains("did not answer with JSON-RPC");
        assertThat(sample.readings()).isEmpty();
    }

    @Test
    void httpErrorStatusIsABadResponse() {
        LocalHttpServer server = closeLater(LocalHttpServer.start(
                body -> new Answer(502, "text/html", "<html>Bad Gateway</html>")));

        NodeSample sample = pollOnce(server.url());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(sample.error()).contains("HTTP status 502");
    }

    @Test
    void aSingleErrorInsteadOfOneAnswerPerRequestIsABadResponse() {
        LocalHttpServer server = closeLater(LocalHttpServer.start(body -> Answer.json(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch requests not supported\"}}")));

        NodeSample sample = pollOnce(server.url());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(sample.error()).contains("one JSON-RPC answer per request");
    }

    @Test
    void aNumberThatIsNotOneIsABadResponse() {
        LocalHttpServer server = closeLater(LocalHttpServer.start(body -> {
            JsonNode requests = JSON.readTree(body);
            ArrayNode answers = JSON.createArrayNode();
            for (JsonNode request : requests) {
                ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
                answer.set("id", request.get("id"));
                answer.put("result", "not-a-number");
            }
            return Answer.json(answers.toString());
        }));

        NodeSample sample = pollOnce(server.url());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(sample.error()).contains("eth_blockNumber").contains("not-a-number");
    }

    @Test
    void aRedirectIsABadResponseAndIsNotFollowed() {
        AtomicInteger reached = new AtomicInteger();
        LocalHttpServer elsewhere = closeLater(LocalHttpServer.start(body -> {
            reached.incrementAndGet();
            return Answer.json("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}]");
        }));
        LocalHttpServer redirecting = closeLater(LocalHttpServer.redirecting(elsewhere.url()));

        NodeSample sample = pollOnce(redirecting.url() + "/rpc");

        assertThat(sample.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(sample.error()).contains("HTTP status 302");
        assertThat(reached).as("requests that reached the server redirected to").hasValue(0);
    }

    @Test
    void closedPortIsRefused() {
        NodeSample sample = pollOnce("http://127.0.0.1:" + FreePorts.next());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.REFUSED);
        assertThat(sample.error()).contains("refused");
    }

    @Test
    void connectionClosedWithoutAnAnswerIsRefused() throws IOException {
        ServerSocket socket = closeLater(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread closer = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.getInputStream().read(new byte[1024]);
                } catch (IOException e) {
                    return;
                }
            }
        });
        closer.setDaemon(true);
        closer.start();

        NodeSample sample = pollOnce("http://127.0.0.1:" + socket.getLocalPort());

        assertThat(sample.outcome()).isEqualTo(PollOutcome.REFUSED);
        assertThat(sample.error()).contains("reset or closed by the node");
    }

    @Test
    void aKeptAliveConnectionTheNodeClosedWhileIdleIsNotTakenForANodeThatIsDown() throws Exception {
        // answers each request (keep-alive, as HTTP/1.1 allows) and then closes the connection while it is idle
        ServerSocket socket = closeLater(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        Thread server = new Thread(() -> {
            java.util.regex.Pattern request = java.util.regex.Pattern.compile("\"method\":\"(\\w+)\".*?\"id\":(\\d+)");
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                            client.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                    int length = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    char[] body = new char[length];
                    for (int read = 0; read < length; ) {
                        read += in.read(body, read, length - read);
                    }
                    StringBuilder answers = new StringBuilder("[");
                    java.util.regex.Matcher m = request.matcher(new String(body));
                    while (m.find()) {
                        answers.append(answers.length() > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"id\":")
                                .append(m.group(2)).append(m.group(1).equals("eth_blockNumber") ? ",\"result\":\"0x2a\"}"
                                        : ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
                    }
                    byte[] json = answers.append("]").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + json.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    client.getOutputStream().write(json);
                    client.getOutputStream().flush();
                    Thread.sleep(50); // then the node drops the idle connection
                } catch (IOException | InterruptedException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        });
        server.setDaemon(true);
        server.start();
        NodeTarget target = new NodeTarget(id("node-1"), "n1", id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM",
                "http://127.0.0.1:" + socket.getLocalPort(), 1000, 1, null, null, null);
        NodeProbe node = closeLater(probe.open(target));

        for (int i = 0; i < 3; i++) {
            NodeSample sample = node.poll(System.currentTimeMillis());
            assertThat(sample.outcome()).as("poll %d: %s", i, sample.error()).isEqualTo(PollOutcome.OK);
            assertThat(sample.reading(Readings.BLOCK_HEIGHT)).isEqualTo(42.0);
            Thread.sleep(200);
        }
        // each poll found its pooled connection closed by the node and went on with a new one
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void unknownHostIsRefused() {
        NodeSample sample = pollOnce("http://no-such-node.invalid:8545");

        assertThat(sample.outcome()).isEqualTo(PollOutcome.REFUSED);
        assertThat(sample.error()).contains("unknown host");
    }

    @Test
    void aNodeThatNeverAnswersIsATimeoutWithinThePollTimeout() {
        LocalHttpServer server = closeLater(LocalHttpServer.hanging());

        long started = System.nanoTime();
        NodeSample sample = pollOnce(server.url());
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(sample.outcome()).isEqualTo(PollOutcome.TIMEOUT);
        assertThat(sample.error()).contains("no answer").contains("within 1 s");
        assertThat(tookMs).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + 700);
    }

    @Test
    void aUrlThatIsNotHttpIsUnsupported() {
        NodeSample sample = pollOnce("ws://127.0.0.1:8545");

        assertThat(sample.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(sample.error()).contains("not an http(s) URL");
    }
}
