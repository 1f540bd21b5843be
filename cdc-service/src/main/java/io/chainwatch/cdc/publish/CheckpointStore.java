package io.chainwatch.cdc.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last published position of each source. Read from the checkpoints topic (committed records only) when a
 * reader starts, so it is always as fresh as the last Kafka transaction, on whichever instance wrote it.
 */
@Component
public class CheckpointStore {

    private final String bootstrapServers;
    private final Map<UUID, Long> positions = new ConcurrentHashMap<>();

    public CheckpointStore(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Re-reads the checkpoints topic to its end and returns the source's position, if it has one. */
    public OptionalLong load(UUID sourceId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopicsConfig.CHECKPOINTS, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    UUID id = UUID.fromString(record.key());
                    if (record.value() == null) {
                        positions.remove(id);
                    } else {
                        positions.merge(id, Long.parseLong(record.value()), Math::max);
                    }
                }
            }
        }
        Long position = positions.get(sourceId);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
