package io.chainwatch.collector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The collector's settings, under {@code chainwatch.collector}; each can be set from the environment, e.g.
 * {@code CHAINWATCH_COLLECTOR_POLL_TIMEOUT=2s}.
 *
 * @param pollTimeout        how long one poll of one node may take (connect, send, answer) before it is a TIMEOUT
 * @param maxConcurrentPolls how many polls run at the same time at most (threads of the poll pool)
 * @param topicPartitions    partitions of the topics this service declares ({@code chainwatch.targets},
 *                           {@code chainwatch.samples}); must match the registry's and the alert service's
 * @param consumerGroup      Kafka consumer group of the collectors on {@code chainwatch.targets}
 */
@ConfigurationProperties("chainwatch.collector")
public record CollectorProperties(
        @DefaultValue("2s") Duration pollTimeout,
        @DefaultValue("16") int maxConcurrentPolls,
        @DefaultValue("6") int topicPartitions,
        @DefaultValue("chainwatch-collector") String consumerGroup) {

    public CollectorProperties {
        if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("chainwatch.collector.poll-timeout must be positive, got " + pollTimeout);
        }
        if (maxConcurrentPolls < 1) {
            throw new IllegalArgumentException("chainwatch.collector.max-concurrent-polls must be at least 1, got "
                    + maxConcurrentPolls);
        }
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("chainwatch.collector.topic-partitions must be at least 1, got "
                    + topicPartitions);
        }
        if (consumerGroup == null || consumerGroup.isBlank()) {
            throw new IllegalArgumentException("chainwatch.collector.consumer-group must not be blank");
        }
    }
}
