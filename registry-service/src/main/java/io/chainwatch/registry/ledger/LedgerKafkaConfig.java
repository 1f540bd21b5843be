package io.chainwatch.registry.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The appender's listener container: a record whose append fails (database down) is retried every 2 s for as long
 * as it takes, never skipped — skipping would leave a hole in the log's order. (A record that is not an audit entry
 * at all is logged and counted by the appender, not retried.)
 */
@Configuration(proxyBeanMethods = false)
class LedgerKafkaConfig {

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> ledgerListenerFactory(
            ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(1);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2000L, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}
