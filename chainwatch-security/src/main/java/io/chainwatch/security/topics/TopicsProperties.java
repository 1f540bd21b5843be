package io.chainwatch.security.topics;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ChainWatch's topics are created, the same in every service ({@code chainwatch.topics.*}).
 *
 * @param partitions partitions of every topic but {@code chainwatch.audit}, which has one (one total order); env
 *                   {@code CHAINWATCH_TOPICS_PARTITIONS}
 * @param replicas   replication factor of every topic; env {@code CHAINWATCH_TOPICS_REPLICAS}
 * @param declared   the topics this service produces or consumes, which it declares (names from
 *                   {@link io.chainwatch.events.Topics}); empty = none
 */
@ConfigurationProperties("chainwatch.topics")
public record TopicsProperties(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas,
                               @DefaultValue List<String> declared) {

    public TopicsProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("chainwatch.topics.partitions must be at least 1, got " + partitions);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("chainwatch.topics.replicas must be at least 1, got " + replicas);
        }
        declared = declared == null ? List.of() : List.copyOf(declared);
    }
}
