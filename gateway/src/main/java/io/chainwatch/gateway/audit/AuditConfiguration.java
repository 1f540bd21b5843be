package io.chainwatch.gateway.audit;

import java.util.Map;

import io.chainwatch.security.audit.AuditPublisher;
import io.chainwatch.security.audit.KafkaAuditPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where the gateway's audit entries go: the topic {@code chainwatch.audit} of the Kafka cluster at
 * {@code chainwatch.gateway.audit.bootstrap-servers} (which the services declare). Without one the gateway's
 * refusals are not audited, and it says so at start.
 */
@Configuration
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditPublisher auditPublisher(@Value("${chainwatch.gateway.audit.bootstrap-servers:}") String bootstrapServers) {
        if (bootstrapServers.isBlank()) {
            log.warn("chainwatch.gateway.audit.bootstrap-servers is not set: the calls the gateway refuses are not"
                    + " audited");
            return entry -> { };
        }
        return new KafkaAuditPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                JsonMapper.builder().build());
    }
}
