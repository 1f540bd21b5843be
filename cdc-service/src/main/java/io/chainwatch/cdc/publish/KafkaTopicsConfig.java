package io.chainwatch.cdc.publish;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * This service's own topic, the checkpoints. The shared topics it writes ({@code chainwatch.samples},
 * {@code chainwatch.audit}) are declared with every service's, from {@code chainwatch.topics.declared}.
 */
@Configuration
public class KafkaTopicsConfig {

    /** Per source, the end LSN of the last source transaction published; compacted, key = source id. */
    public static final String CHECKPOINTS = "chainwatch.cdc.checkpoints";

    @Bean
    NewTopic checkpointsTopic() {
        return TopicBuilder.name(CHECKPOINTS).partitions(1).compact().build();
    }
}
