package io.chainwatch.alert.support;

import io.chainwatch.testkit.SharedServers;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code chainwatch.audit} from the start in a group of its own, as the registry's appender does, keeping one
 * organization's entries (the record key) in {@code into}, until closed.
 */
public final class AuditReader implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Thread thread;
    private volatile boolean running = true;

    public AuditReader(String orgId, List<JsonNode> into) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.AUDIT));
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (orgId.equals(record.key())) {
                            into.add(JSON.readTree(record.value()));
                        }
                    }
                }
            }
        }, "audit-reader");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
