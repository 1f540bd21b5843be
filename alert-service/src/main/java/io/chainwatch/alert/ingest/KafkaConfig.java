package io.chainwatch.alert.ingest;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics this service consumes (declared so start order does not matter) and the listener factories of samples
 * and registry notifications.
 */
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

    /** Declared by the registry too; declared here so that start order does not matter. */
    @Bean
    NewTopic notificationsTopic() {
        return TopicBuilder.name(Topics.NOTIFICATIONS).partitions(PARTITIONS).build();
    }

    /**
     * Registry notifications, one record at a time: a record whose e-mails could not be put into the outbox is
     * delivered again with backoff and without limit, so none is skipped while the database is down.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> notificationsContainerFactory(
            ConsumerFactory<String, String> consumerFactory, GroupMembership membership) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        membership.apply(factory.getContainerProperties());
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> samplesContainerFactory(
            ConsumerFactory<String, String> consumerFactory, ChainOwnership ownership, GroupMembership membership) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        membership.apply(factory.getContainerProperties());
        factory.setBatchListener(true);
        factory.getContainerProperties().setConsumerRebalanceListener(ownership);
        // the commit is issued only after the batch is evaluated and recorded; it need not block the next poll
        factory.getContainerProperties().setSyncCommits(false);
        // a batch whose transitions could not be recorded is delivered again, with backoff and without limit:
        // its offsets are never committed before its transitions are in the database
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
