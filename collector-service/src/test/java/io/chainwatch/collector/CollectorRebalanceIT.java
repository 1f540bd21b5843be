package io.chainwatch.collector;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.collector.poll.PollScheduler;
import io.chainwatch.testkit.Ids;
import io.chainwatch.collector.target.AssignedTargets;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.Anvil;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Two collector instances share the targets: each polls its partitions' nodes; when one stops, the other takes over. */
class CollectorRebalanceIT {

    /** The broker is this test's subject (a group of instances on it), so the test has one of its own. */
    private SharedServers.OwnKafka broker;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    private ConfigurableApplicationContext startCollector() {
        return new SpringApplicationBuilder(CollectorApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrap(),
                "--chainwatch.collector.poll-timeout=1s");
    }

    private static Set<UUID> polled(ConfigurableApplicationContext context) {
        return context.getBean(PollScheduler.class).activeNodeIds();
    }

    @Test
    void eachInstancePollsItsPartitionsAndTheSurvivorTakesOverTheRest() throws Exception {
        broker = SharedServers.ownKafka(Broker.DECLARED_TOPICS);
        try (Anvil anvil = Anvil.start(1, null)) {
            first = startCollector();
            second = startCollector();

            JsonMapper json = first.getBean(JsonMapper.class);
            List<String> names = IntStream.range(0, 12).mapToObj(i -> "node-" + i).toList();
            List<UUID> nodeIds = names.stream().map(Ids::id).toList();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (String name : names) {
                    NodeTarget target = new NodeTarget(id(name), name, id("org-1"), "acme", id("chain-1"), "anvil-dev",
                            "ETHEREUM", anvil.rpcUrl(), 500, 1, null, null, null);
                    producer.send(new ProducerRecord<>(Topics.TARGETS, target.nodeId().toString(),
                            json.writeValueAsString(target))).get();
                }
            }

            // both instances in the group, every node polled by exactly one of them
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Set<UUID> a = polled(first);
                Set<UUID> b = polled(second);
                Set<UUID> union = new HashSet<>(a);
                union.addAll(b);
                return !a.isEmpty() && !b.isEmpty() && union.size() == nodeIds.size() && a.size() + b.size() == nodeIds.size();
            });
            assertPartitionsAreDisjoint(first.getBean(AssignedTargets.class), second.getBean(AssignedTargets.class));

            first.close();
            first = null;

            await().atMost(Duration.ofSeconds(60)).until(() -> polled(second).containsAll(nodeIds));
            assertThat(polled(second)).hasSize(nodeIds.size());
        }
    }

    private static void assertPartitionsAreDisjoint(AssignedTargets a, AssignedTargets b) {
        Set<Integer> partitionsA = new HashSet<>();
        a.snapshot().values().forEach(assigned -> partitionsA.add(assigned.partition()));
        b.snapshot().values().forEach(assigned -> assertThat(partitionsA).doesNotContain(assigned.partition()));
    }
}
