package io.chainwatch.collector;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics this service consumes and produces, declared with the same settings as every other ChainWatch
 * service declares them, so that start order does not matter and no topic is auto-created with other settings.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    /** Monitored nodes: compacted, key = node id. */
    @Bean
    NewTopic targetsTopic(CollectorProperties properties) {
        return TopicBuilder.name(Topics.TARGETS).partitions(properties.topicPartitions()).compact().build();
    }

    /** One sample per poll, key = chain id. */
    @Bean
    NewTopic samplesTopic(CollectorProperties properties) {
        return TopicBuilder.name(Topics.SAMPLES).partitions(properties.topicPartitions()).build();
    }

    /** Requests for immediate polls, key = chain id; read by every collector instance in full. */
    @Bean
    NewTopic pollRequestsTopic(CollectorProperties properties) {
        return TopicBuilder.name(Topics.POLL_REQUESTS).partitions(properties.topicPartitions()).build();
    }
}
