package io.chainwatch.collector;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.collector.poll.NodeStateLog;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LogCapture;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.PollRequest;
import io.chainwatch.events.Readings;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.Anvil;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service (embedded KRaft Kafka) with broken nodes and immediate polls, as a user sees them: samples on
 * {@code chainwatch.samples}, series at {@code /actuator/prometheus}, the collector's log lines. The erroring node is a
 * protocol-level JSON-RPC endpoint (a real HTTP server answering every call with a JSON-RPC error, as a node with a
 * corrupt database does); the others are real anvil nodes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chainwatch.collector.poll-timeout=1s", "chainwatch.collector.websocket-heads=false",
                "chainwatch.collector.consumer-group=collector-broken-nodes-it"})
// the module's shared broker: each class's collectors form a group of their own, so two cached contexts never share nodes
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS)
class CollectorBrokenNodesIT {

    @Autowired
    JsonMapper json;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.SAMPLES));
    }

    @AfterEach
    void disconnect() throws Exception {
        producer.close();
        consumer.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void aPollRequestBringsASampleLongBeforeTheNextRegularPollOfOnlyTheNodesAsked() throws Exception {
        Anvil anvil = Anvil.start(0, null);
        toClose.add(anvil);
        // polled every 10 minutes: any second sample within the test comes from a poll request
        publish(target(id("node-a"), "a", "chain-pr", anvil.rpcUrl(), 600_000));
        publish(target(id("node-b"), "b", "chain-pr", anvil.rpcUrl(), 600_000));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> samples(id("node-a")).size() == 1 && samples(id("node-b")).size() == 1);

        // too old: ignored
        request(new PollRequest(id("chain-pr"), List.of(), System.currentTimeMillis() - 30_000, "stale"));
        // only node-b (repeated until this instance's consumer, positioned at the end at start-up, reads it)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            request(new PollRequest(id("chain-pr"), List.of(id("node-b")), System.currentTimeMillis(), "confirm"));
            return samples(id("node-b")).size() >= 2;
        });
        drainFor(Duration.ofSeconds(2));
        assertThat(samples(id("node-a"))).as("node-a was not asked for, and the stale request was ignored").hasSize(1);

        long asked = System.currentTimeMillis();
        request(new PollRequest(id("chain-pr"), List.of(), asked, "confirm chain_stalled deadline"));
        await().atMost(Duration.ofSeconds(10)).until(() -> samples(id("node-a")).size() == 2);
        NodeSample fresh = samples(id("node-a")).get(1);
        assertThat(fresh.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(fresh.polledAtMs()).isGreaterThanOrEqualTo(asked - 1000);
    }

    @Test
    void anErroringNodeIsLoggedOnceCountedAndNotUp() throws Exception {
        LocalHttpServer erroring = LocalHttpServer.start(body -> LocalHttpServer.Answer.json(body.trim().startsWith("[")
                ? errors(body)
                : "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"database corrupted\"}}"));
        toClose.add(erroring);
        try (LogCapture log = LogCapture.of(NodeStateLog.class)) {
            publish(target(id("node-err"), "err-1", "chain-err", "http://user:secret@" + erroring.url().substring(7),
                    300));

            await().atMost(Duration.ofSeconds(30)).until(() -> samples(id("node-err")).size() >= 3);
            NodeSample sample = samples(id("node-err")).get(0);
            assertThat(sample.outcome()).isEqualTo(PollOutcome.ERRORING);
            assertThat(sample.error()).isEqualTo("JSON-RPC error -32000: database corrupted (eth_blockNumber)");

            String metrics = prometheus();
            assertThat(metrics).containsPattern("chainwatch_collector_polls_total\\{[^}]*outcome=\"ERRORING\"[^}]*\\} [1-9]");
            assertThat(metrics.lines().filter(l -> l.startsWith("chainwatch_node_up{")
                    && l.contains("node_id=\"" + id("node-err") + "\"")))
                    .singleElement().asString().endsWith(" 0.0");
            assertThat(log.warnings().stream().filter(l -> l.contains("err-1")))
                    .as("one line for the change of state, none per poll").singleElement().asString()
                    .contains("err-1", erroring.url(), "is erroring", "JSON-RPC error -32000: database corrupted")
                    .doesNotContain("secret");
        }
    }

    @Test
    void anvilRestartedWithAFreshChainIsCountedAsAChainResetNotAReorg() throws Exception {
        Anvil anvil = Anvil.start(0, null);
        int anvilPort = anvil.port();
        anvil.mine(20);
        publish(target(id("node-reset"), "reset-1", "chain-reset", anvil.rpcUrl(), 300));
        await().atMost(Duration.ofSeconds(30)).until(() -> samples(id("node-reset")).stream().anyMatch(NodeSample::up));

        try (LogCapture log = LogCapture.of(NodeStateLog.class)) {
            anvil.kill();
            await().atMost(Duration.ofSeconds(15)).until(() -> samples(id("node-reset")).stream()
                    .anyMatch(s -> s.outcome() == PollOutcome.REFUSED));
            long killedAtSecond = System.currentTimeMillis() / 1000;
            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 > killedAtSecond);
            Anvil fresh = Anvil.start(anvilPort, 0, null);
            toClose.add(fresh);
            fresh.mine(30);

            await().atMost(Duration.ofSeconds(30)).until(() -> samples(id("node-reset")).stream()
                    .anyMatch(s -> Double.valueOf(1.0).equals(s.reading(Readings.CHAIN_RESET))));
            assertThat(samples(id("node-reset"))).allSatisfy(s ->
                    assertThat(s.readings().getOrDefault(Readings.REORG_COUNT, 0.0)).isZero());
            await().atMost(Duration.ofSeconds(5)).until(() -> prometheus().lines().anyMatch(l ->
                    l.startsWith("chainwatch_node_chain_resets_total{")
                            && l.contains("node_id=\"" + id("node-reset") + "\"")
                            && l.endsWith(" 1.0")));
            assertThat(prometheus().lines().filter(l -> l.startsWith("chainwatch_node_reorgs_total{")
                    && l.contains("node_id=\"" + id("node-reset") + "\"")))
                    .allSatisfy(l -> assertThat(l).endsWith(" 0.0"));
            await().atMost(Duration.ofSeconds(10)).until(() -> mine(log).size() >= 2);
            assertThat(mine(log)).hasSize(2);
            assertThat(mine(log).get(0)).contains("reset-1", "up → unreachable");
            assertThat(mine(log).get(1)).contains("reset-1", "unreachable → up (recovered)");
        }
    }

    /** The WARN lines about node reset-1 (the service's context, and its other nodes, are shared by the tests). */
    private static List<String> mine(LogCapture log) {
        return log.warnings().stream().filter(l -> l.contains("reset-1")).toList();
    }

    private static String errors(String batch) {
        StringBuilder answers = new StringBuilder("[");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(batch);
        while (id.find()) {
            answers.append(answers.length() > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"id\":").append(id.group(1))
                    .append(",\"error\":{\"code\":-32000,\"message\":\"database corrupted\"}}");
        }
        return answers.append(']').toString();
    }

    /** A node of chain {@code id(chain)}, named {@code chain + "-name"}. */
    private static NodeTarget target(UUID nodeId, String nodeName, String chain, String rpcUrl, long intervalMs) {
        return new NodeTarget(nodeId, nodeName, id("org-1"), "acme", id(chain), chain + "-name", "ETHEREUM", rpcUrl,
                intervalMs, 1, null, null, null);
    }

    /** As the registry publishes a node: key = the node id's text. */
    private void publish(NodeTarget target) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TARGETS, target.nodeId().toString(), json.writeValueAsString(target)))
                .get();
    }

    /** As poll requests are sent: key = the chain id's text. */
    private void request(PollRequest request) {
        try {
            producer.send(new ProducerRecord<>(Topics.POLL_REQUESTS, request.chainId().toString(),
                            json.writeValueAsString(request)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<NodeSample> samples(UUID nodeId) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream()
                .map(r -> SampleCodec.decode(r.value()))
                .filter(s -> s.nodeId().equals(nodeId))
                .toList();
    }

    private void drainFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
    }

    private String prometheus() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
