package io.chainwatch.collector.target;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code chainwatch.targets} as a member of the collectors' consumer group. On assignment it seeks the
 * assigned partitions to the beginning, so the compacted topic rebuilds exactly those partitions' nodes; on
 * revocation it drops them.
 */
@Component
public class TargetsConsumer implements ConsumerSeekAware {

    /** Listener id, to find its container in the {@code KafkaListenerEndpointRegistry}. */
    public static final String LISTENER_ID = "chainwatch-targets";

    private static final Logger log = LoggerFactory.getLogger(TargetsConsumer.class);

    private final AssignedTargets targets;
    private final JsonMapper json;
    private final String consumerGroup;

    public TargetsConsumer(AssignedTargets targets, JsonMapper json, CollectorProperties properties) {
        this.targets = targets;
        this.json = json;
        this.consumerGroup = properties.consumerGroup();
    }

    /** The consumer group, read by the listener annotation. */
    public String getConsumerGroup() {
        return consumerGroup;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.TARGETS, groupId = "#{__listener.consumerGroup}")
    public void onTarget(ConsumerRecord<String, String> record) {
        NodeTarget target = null;
        if (record.value() != null) {
            try {
                target = json.readValue(record.value(), NodeTarget.class);
            } catch (JacksonException e) {
                log.warn("unreadable target at {}-{}@{} (key {}) skipped: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getOriginalMessage());
                return;
            }
        }
        targets.apply(record.partition(), record.key(), target);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<Integer> partitions = partitionsOfTargets(assignments.keySet());
        log.info("assigned partitions {} of {}: re-reading them from the beginning", partitions, Topics.TARGETS);
        targets.partitionsAssigned(partitions);
        callback.seekToBeginning(assignments.keySet());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<Integer> revoked = partitionsOfTargets(partitions);
        log.info("revoked partitions {} of {}", revoked, Topics.TARGETS);
        targets.partitionsRevoked(revoked);
    }

    private static List<Integer> partitionsOfTargets(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .filter(tp -> Topics.TARGETS.equals(tp.topic()))
                .map(TopicPartition::partition)
                .sorted()
                .toList();
    }
}
