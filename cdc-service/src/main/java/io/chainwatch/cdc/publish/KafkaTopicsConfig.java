package io.chainwatch.cdc.publish;

import io.chainwatch.cdc.CdcProperties;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics this service writes: the shared samples topic, and its own checkpoints. */
@Configuration
public class KafkaTopicsConfig {

    /** Per source, the end LSN of the last source transaction published; compacted, key = source id. */
    public static final String CHECKPOINTS = "chainwatch.cdc.checkpoints";

    @Bean
    NewTopic samplesTopic(CdcProperties properties) {
        return TopicBuilder.name(Topics.SAMPLES).partitions(properties.topicPartitions()).build();
    }

    @Bean
    NewTopic checkpointsTopic() {
        return TopicBuilder.name(CHECKPOINTS).partitions(1).compact().build();
    }
}
