package io.chainwatch.alert.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener factories of samples and registry notifications. The topics this service uses are declared with
 * every service's ({@code chainwatch.topics.declared} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    /**
     * Registry notifications, one record at a time: a record whose e-mails could not be put into the outbox is
     * delivered again with backoff and without limit, so none is skipped while the database is down.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> notificationsContainerFactory(
            KafkaProperties kafkaProperties, GroupMembership membership) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                membership.apply(kafkaProperties.buildConsumerProperties()),
                new StringDeserializer(), new StringDeserializer()));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /**
     * Samples as raw bytes: the listener parses JSON straight from the record's bytes (no UTF-8 decoding into a
     * String first) and ignores the key (the chain id is in the sample). Otherwise the consumer settings of
     * {@code spring.kafka.consumer}.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> samplesContainerFactory(
            KafkaProperties kafkaProperties, ChainOwnership ownership, GroupMembership membership) {
        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                membership.apply(kafkaProperties.buildConsumerProperties()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()));
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
