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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service: an embedded Kafka (KRaft) broker, real anvil nodes, targets published to
 * {@code chainwatch.targets}, samples read back from {@code chainwatch.samples}, gauges from {@code /actuator/prometheus}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chainwatch.collector.poll-timeout=1s", "chainwatch.collector.consumer-group=collector-it"})
// the module's shared broker: each class's collectors form a group of their own, so two cached contexts never share nodes
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS)
class CollectorIT {

    private static Anvil anvil;

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
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startAnvil() {
        anvil = Anvil.start(1, null);
    }

    @AfterAll
    static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

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
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void pollsAnAnvilNodePublishesItsSamplesAndGaugesAndStopsOnTombstone() throws Exception {
        UUID nodeOk = id("node-ok");
        NodeTarget target = target(nodeOk, "anvil-1", anvil.rpcUrl());
        publish(target);

        await().atMost(Duration.ofSeconds(30)).until(() -> samples(nodeOk).size() >= 5);
        List<NodeSample> samples = samples(nodeOk);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(s.chainId()).isEqualTo(id("chain-1"));
            assertThat(s.orgId()).isEqualTo(id("org-1"));
            assertThat(s.reading(Readings.CHAIN_ID)).isEqualTo(31337.0);
            assertThat(s.unsupported()).contains(Readings.PEER_COUNT);
            assertThat(s.reading(Readings.HEAD_AGE_SECONDS)).isBetween(0.0, 3.0);
        });
        // anvil mines a block every second; 5 polls at 300 ms span more than one block
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<NodeSample> all = samples(nodeOk);
            return all.get(all.size() - 1).reading(Readings.BLOCK_HEIGHT) > all.get(0).reading(Readings.BLOCK_HEIGHT);
        });
        List<NodeSample> all = samples(nodeOk);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).reading(Readings.BLOCK_HEIGHT)).isGreaterThanOrEqualTo(all.get(i - 1).reading(Readings.BLOCK_HEIGHT));
        }
        // the record key is the chain id's text
        assertThat(received).filteredOn(r -> SampleCodec.decode(r.value()).nodeId().equals(nodeOk))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(id("chain-1").toString()));

        String metrics = prometheus();
        String height = gaugeLine(metrics, "chainwatch_node_block_height", nodeOk);
        assertThat(height).contains("org=\"acme\"").contains("chain=\"anvil-dev\"").contains("node=\"anvil-1\"");
        assertThat(gaugeValue(metrics, "chainwatch_node_up", nodeOk)).isEqualTo(1.0);
        assertThat(gaugeValue(metrics, "chainwatch_node_block_height", nodeOk)).isGreaterThan(0.0);
        assertThat(metrics).containsPattern("chainwatch_collector_polls_total\\{[^}]*outcome=\"OK\"[^}]*\\} [1-9]");

        publishTombstone(nodeOk);
        await().atMost(Duration.ofSeconds(10)).until(() -> !prometheus().contains("node_id=\"" + nodeOk + "\""));
        drainFor(Duration.ofSeconds(1));
        int before = samples(nodeOk).size();
        drainFor(Duration.ofSeconds(3));
        assertThat(samples(nodeOk)).hasSize(before);
    }

    @Test
    void aKilledNodeIsReportedRefused() throws Exception {
        Anvil doomed = Anvil.start(1, null);
        UUID nodeKilled = id("node-killed");
        try {
            publish(target(nodeKilled, "anvil-doomed", doomed.rpcUrl()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> samples(nodeKilled).stream().anyMatch(NodeSample::up));

            doomed.kill();

            await().atMost(Duration.ofSeconds(15)).until(() -> samples(nodeKilled).stream()
                    .anyMatch(s -> s.outcome() == PollOutcome.REFUSED));
            NodeSample refused = samples(nodeKilled).stream()
                    .filter(s -> s.outcome() == PollOutcome.REFUSED).findFirst().orElseThrow();
            assertThat(refused.error()).contains(doomed.rpcUrl());
            assertThat(refused.readings()).isEmpty();
            // a pooled connection may first be found closed; the next polls find the port closed
            await().atMost(Duration.ofSeconds(10)).until(() -> samples(nodeKilled).stream()
                    .anyMatch(s -> s.outcome() == PollOutcome.REFUSED && s.error().contains("refused")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gaugeValue(prometheus(), "chainwatch_node_up", nodeKilled) == 0.0);
        } finally {
            doomed.close();
            publishTombstone(nodeKilled);
        }
    }

    private static NodeTarget target(UUID nodeId, String nodeName, String rpcUrl) {
        return new NodeTarget(nodeId, nodeName, id("org-1"), "acme", id("chain-1"), "anvil-dev", "ETHEREUM", rpcUrl,
                300, 1, null, null, null);
    }

    /** As the registry publishes a node: key = the node id's text. */
    private void publish(NodeTarget target) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TARGETS, target.nodeId().toString(), json.writeValueAsString(target)))
                .get();
    }

    private void publishTombstone(UUID nodeId) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TARGETS, nodeId.toString(), null)).get();
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

    /** The metrics, from the management port; the HTTP port itself serves no actuator endpoint. */
    private String prometheus() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        HttpResponse<String> onAppPort = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onAppPort.statusCode()).isEqualTo(404);
        return response.body();
    }

    private static String gaugeLine(String metrics, String name, UUID nodeId) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("node_id=\"" + nodeId + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " for " + nodeId + " not in:\n" + metrics));
    }

    private static double gaugeValue(String metrics, String name, UUID nodeId) {
        Matcher m = Pattern.compile("\\} (\\S+)").matcher(gaugeLine(metrics, name, nodeId));
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
