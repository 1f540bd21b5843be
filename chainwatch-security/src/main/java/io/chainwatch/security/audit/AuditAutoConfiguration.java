package io.chainwatch.security.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import tools.jackson.databind.json.JsonMapper;

/**
 * In every servlet service with Kafka: the {@link AuditFilter} (just before the caller filter) and a
 * {@link KafkaAuditPublisher} built from the service's {@code spring.kafka.*} producer settings. The service name in
 * the entries is {@code chainwatch.audit.service}, by default {@code spring.application.name} without
 * {@code -service}. {@code chainwatch.audit.enabled=false} switches it off. The topic {@code chainwatch.audit} is declared with the
 * others ({@link io.chainwatch.security.topics.TopicsAutoConfiguration}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.apache.kafka.clients.producer.KafkaProducer",
        "org.springframework.boot.kafka.autoconfigure.KafkaProperties"})
@ConditionalOnProperty(name = "chainwatch.audit.enabled", havingValue = "true", matchIfMissing = true)
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(AuditPublisher.class)
    KafkaAuditPublisher auditPublisher(ObjectProvider<KafkaProperties> kafka, ObjectProvider<JsonMapper> json) {
        return new KafkaAuditPublisher(kafka.getObject().buildProducerProperties(),
                json.getIfAvailable(JsonMapper::new));
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditPublisher publisher, ObjectProvider<JsonMapper> json,
            @Value("${chainwatch.audit.service:${spring.application.name:service}}") String service) {
        String name = service.endsWith("-service") ? service.substring(0, service.length() - "-service".length())
                : service;
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(
                new AuditFilter(name, publisher, json.getIfAvailable(JsonMapper::new)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before the CallerFilter (+20): refusals included
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
