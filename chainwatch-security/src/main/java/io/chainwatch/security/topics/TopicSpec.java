package io.chainwatch.security.topics;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;

/**
 * One topic and how it is created.
 *
 * @param name       the topic ({@link io.chainwatch.events.Topics})
 * @param partitions its partitions
 * @param replicas   its replication factor
 * @param compacted  whether the log is compacted (latest record per key kept) rather than deleted by age
 */
public record TopicSpec(String name, int partitions, short replicas, boolean compacted) {

    /** The Kafka admin's declaration of this topic. */
    public NewTopic toNewTopic() {
        NewTopic topic = new NewTopic(name, partitions, replicas);
        return compacted ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                : topic;
    }
}
