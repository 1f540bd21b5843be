package io.chainwatch.registry.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.RegistryTestBase;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay against real PostgreSQL and Kafka: several relays running at once (as several service instances
 * would) publish every row exactly once and in order; old published rows are cleaned up.
 */
class OutboxRelayIT extends RegistryTestBase {

    @Autowired
    private OutboxRepository outbox;

    @Autowired
    private OutboxRelay relay;

    @Autowired
    private OutboxCleaner cleaner;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private ProducerFactory<String, String> producerFactory;

    @Test
    void producerWaitsForAllReplicasAndIsIdempotent() {
        Map<String, Object> config = producerFactory.getConfigurationProperties();
        assertThat(config.get(ProducerConfig.ACKS_CONFIG)).hasToString("all");
        assertThat(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
        assertThat(config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)).isEqualTo(StringSerializer.class);
    }

    @Test
    void concurrentRelaysPublishEveryRowOnceAndInOrder() throws Exception {
        String topic = "registry-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RegistryTestBase.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String key = UUID.randomUUID().toString();
        int rows = 500;
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < rows; i++) {
                outbox.append(topic, key, i % 50 == 49 ? null : Integer.toString(i));
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> relays = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                relays.add(() -> {
                    Instant deadline = Instant.now().plusSeconds(30);
                    while (unpublished(topic) > 0 && Instant.now().isBefore(deadline)) {
                        relay.relay();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(relays)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unpublished(topic)).isZero();

        List<String> values = consumeAll(topic, rows);
        assertThat(values).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(values.get(i)).as("record %d", i).isEqualTo(i % 50 == 49 ? null : Integer.toString(i));
        }
    }

    @Test
    void cleanerDeletesOnlyRowsPublishedBeforeTheRetention() {
        String key = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into registry.outbox (topic, message_key, payload, published_at) values
                        ('old', :key, 'a', now() - interval '8 days'),
                        ('recent', :key, 'b', now() - interval '1 day')""")
                .param("key", key).update();
        int deleted = cleaner.cleanup();

        assertThat(deleted).isGreaterThanOrEqualTo(1);

        List<String> left = jdbc.sql("select topic from registry.outbox where message_key = :key order by id")
                .param("key", key).query(String.class).list();
        assertThat(left).containsExactly("recent");
    }

    private long unpublished(String topic) {
        return jdbc.sql("select count(*) from registry.outbox where topic = :topic and published_at is null")
                .param("topic", topic).query(Long.class).single();
    }

    private static List<String> consumeAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryTestBase.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(20);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // anything beyond the expected count would be a duplicate: give it a moment to show up
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
