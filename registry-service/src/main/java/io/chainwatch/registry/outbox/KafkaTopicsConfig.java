package io.chainwatch.registry.outbox;

import io.chainwatch.events.Topics;
import io.chainwatch.registry.RegistryProperties;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics of ChainWatch, declared with the settings every service uses, so whichever service starts first
 * creates them right and none is ever auto-created with broker defaults.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    /** Monitored nodes: compacted, key = node id, a tombstone removes a node. */
    @Bean
    NewTopic targetsTopic(RegistryProperties properties) {
        return TopicBuilder.name(Topics.TARGETS)
                .partitions(properties.topics().targetsPartitions())
                .replicas(properties.topics().replicas())
                .compact()
                .build();
    }

    /** Organizations' state (active / deactivated): compacted, key = organization id. */
    @Bean
    NewTopic organizationsTopic(RegistryProperties properties) {
        return TopicBuilder.name(Topics.ORGANIZATIONS)
                .partitions(properties.topics().notificationsPartitions())
                .replicas(properties.topics().replicas())
                .compact()
                .build();
    }

    /** Notifications to organizations' people, key = organization id (mailed by the alert service). */
    @Bean
    NewTopic notificationsTopic(RegistryProperties properties) {
        return TopicBuilder.name(Topics.NOTIFICATIONS)
                .partitions(properties.topics().notificationsPartitions())
                .replicas(properties.topics().replicas())
                .build();
    }

    /** Poll samples, key = chain id (produced by the collector; declared here too so start order does not matter). */
    @Bean
    NewTopic samplesTopic(RegistryProperties properties) {
        return TopicBuilder.name(Topics.SAMPLES)
                .partitions(properties.topics().samplesPartitions())
                .replicas(properties.topics().replicas())
                .build();
    }
}
