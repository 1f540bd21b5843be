package io.chainwatch.alert.ingest;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;

/** Topics this service consumes (declared so start order does not matter) and the samples listener factory. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    /** Partitions of both topics, the same in every service that declares them. */
    public static final int PARTITIONS = 6;

    @Bean
    NewTopic samplesTopic() {
        return TopicBuilder.name(Topics.SAMPLES).partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic targetsTopic() {
        return TopicBuilder.name(Topics.TARGETS).partitions(PARTITIONS).compact().build();
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> samplesContainerFactory(
            ConsumerFactory<String, String> consumerFactory, ChainOwnership ownership) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.getContainerProperties().setConsumerRebalanceListener(ownership);
        return factory;
    }
}
