package io.chainwatch.security.topics;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * In every service with Spring Kafka: declares the topics listed in {@code chainwatch.topics.declared} (those the
 * service produces or consumes) with the settings of {@link ChainwatchTopics}, so start order does not matter and
 * no topic is auto-created with broker defaults. Spring Kafka's {@link KafkaAdmin} creates the missing ones at start.
 * A service that is still given one of the per-service topic settings these replaced does not start
 * ({@link RetiredTopicSettings}).
 */
@AutoConfiguration
@ConditionalOnClass({KafkaAdmin.class, NewTopic.class})
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics chainwatchTopics(TopicsProperties properties, Environment environment) {
        RetiredTopicSettings.check(environment);
        return new KafkaAdmin.NewTopics(ChainwatchTopics.declared(properties).stream()
                .map(TopicSpec::toNewTopic).toArray(NewTopic[]::new));
    }
}
