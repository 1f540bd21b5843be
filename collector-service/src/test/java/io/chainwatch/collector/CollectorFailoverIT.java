package io.chainwatch.collector;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.collector.poll.PollScheduler;
import io.chainwatch.testkit.Ids;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.Anvil;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three collector instances (three Spring contexts) on one embedded broker share 18 nodes; one instance is stopped
 * and the time its nodes go unpolled is measured from the samples on {@code chainwatch.samples}: from each node's
 * last sample before the stop to its first sample after, the longest of them.
 */
class CollectorFailoverIT {

    private static final long INTERVAL_MS = 500;
    /** Bound on the unpolled time: a clean leave makes the group rebalance at once; generous for a loaded 2-core CI. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** The broker is this test's subject (a group of instances on it), so the test has one of its own. */
    private SharedServers.OwnKafka broker;
    private final List<ConfigurableApplicationContext> collectors = new ArrayList<>();

    @AfterEach
    void stop() {
        collectors.forEach(ConfigurableApplicationContext::close);
        if (broker != null) {
            broker.close();
        }
    }

    private ConfigurableApplicationContext startCollector() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CollectorApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrap(),
                "--chainwatch.collector.poll-timeout=1s",
                "--chainwatch.collector.websocket-heads=false");
        collectors.add(context);
        return context;
    }

    @Test
    void whenOneOfThreeInstancesStopsItsNodesAreUnpolledOnlyBriefly() throws Exception {
        broker = SharedServers.ownKafka(Broker.DECLARED_TOPICS);
        try (Anvil anvil = Anvil.start(1, null)) {
            ConfigurableApplicationContext a = startCollector();
            ConfigurableApplicationContext b = startCollector();
            ConfigurableApplicationContext c = startCollector();
            JsonMapper json = a.getBean(JsonMapper.class);
            List<String> names = IntStream.range(0, 18).mapToObj(i -> "node-" + i).toList();
            List<UUID> nodeIds = names.stream().map(Ids::id).toList();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (String name : names) {
                    NodeTarget target = new NodeTarget(id(name), name, id("org-1"), "acme", id("chain-1"), "anvil-dev",
                            "ETHEREUM", anvil.rpcUrl(), INTERVAL_MS, 1, null, null, null);
                    producer.send(new ProducerRecord<>(Topics.TARGETS, target.nodeId().toString(),
                            json.writeValueAsString(target))).get();
                }
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Set<UUID> union = new HashSet<>();
                int total = 0;
                for (ConfigurableApplicationContext context : List.of(a, b, c)) {
                    Set<UUID> polled = context.getBean(PollScheduler.class).activeNodeIds();
                    if (polled.isEmpty()) {
                        return false;
                    }
                    union.addAll(polled);
                    total += polled.size();
                }
                return union.size() == nodeIds.size() && total == nodeIds.size();
            });
            Set<UUID> stoppedNodes = Set.copyOf(b.getBean(PollScheduler.class).activeNodeIds());

            Map<UUID, List<Long>> arrivals = new ConcurrentHashMap<>();
            long stoppedAt;
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                consumer.subscribe(List.of(Topics.SAMPLES));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    read(consumer, json, arrivals);
                    return arrivals.keySet().containsAll(stoppedNodes);
                });

                stoppedAt = System.currentTimeMillis();
                b.close();
                collectors.remove(b);

                long stopped = stoppedAt;
                await().atMost(BOUND.plusSeconds(10)).until(() -> {
                    read(consumer, json, arrivals);
                    return stoppedNodes.stream()
                            .allMatch(nodeId -> arrivals.get(nodeId).stream().anyMatch(t -> t > stopped));
                });
            }

            // per node: the longest time between two consecutive samples around the stop
            long worstGapMs = 0;
            for (UUID nodeId : stoppedNodes) {
                List<Long> times = new ArrayList<>(arrivals.get(nodeId));
                times.sort(Long::compare);
                for (int i = 1; i < times.size(); i++) {
                    if (times.get(i) > stoppedAt - INTERVAL_MS) {
                        worstGapMs = Math.max(worstGapMs, times.get(i) - times.get(i - 1));
                    }
                }
            }
            System.out.printf("collector failover: %d nodes of the stopped instance unpolled for at most %.2f s"
                    + " (poll interval %d ms)%n", stoppedNodes.size(), worstGapMs / 1000.0, INTERVAL_MS);
            assertThat(stoppedNodes).isNotEmpty();
            assertThat(worstGapMs).isLessThan(BOUND.toMillis());
            // the survivors hold every node, each once
            Set<UUID> union = new HashSet<>();
            int total = 0;
            for (ConfigurableApplicationContext context : collectors) {
                Set<UUID> polled = context.getBean(PollScheduler.class).activeNodeIds();
                union.addAll(polled);
                total += polled.size();
            }
            assertThat(union).containsExactlyInAnyOrderElementsOf(nodeIds);
            assertThat(total).isEqualTo(nodeIds.size());
        }
    }

    /** Adds the arrival time (poll time of the sample) of each sample read. */
    private static void read(KafkaConsumer<String, byte[]> consumer, JsonMapper json, Map<UUID, List<Long>> arrivals) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
            NodeSample sample = SampleCodec.decode(r.value());
            arrivals.computeIfAbsent(sample.nodeId(), nodeId -> new ArrayList<>()).add(sample.polledAtMs());
        });
    }
}
