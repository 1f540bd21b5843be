package io.chainwatch.registry;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the registry service, prefix {@code chainwatch.registry}. Every key has a default and can be set
 * from the environment, e.g. {@code CHAINWATCH_REGISTRY_OUTBOX_RELAY_INTERVAL=500ms}.
 *
 * @param outbox how the outbox relay publishes node changes to Kafka
 * @param topics how the Kafka topics this service declares are created
 */
@Validated
@ConfigurationProperties("chainwatch.registry")
public record RegistryProperties(@Valid @DefaultValue Outbox outbox, @Valid @DefaultValue TopicSettings topics) {

    /**
     * @param relayInterval   pause between two relay runs (fixed delay)
     * @param batchSize       most outbox rows one relay run publishes
     * @param sendTimeout     how long the relay waits for Kafka to acknowledge one record
     * @param retention       how long published outbox rows are kept before they are deleted
     * @param cleanupInterval pause between two deletions of old published outbox rows
     */
    public record Outbox(
            @NotNull @DefaultValue("200ms") Duration relayInterval,
            @Min(1) @Max(10_000) @DefaultValue("100") int batchSize,
            @NotNull @DefaultValue("35s") Duration sendTimeout,
            @NotNull @DefaultValue("7d") Duration retention,
            @NotNull @DefaultValue("1h") Duration cleanupInterval) {
    }

    /**
     * @param targetsPartitions partitions of {@code chainwatch.targets}
     * @param samplesPartitions partitions of {@code chainwatch.samples}
     * @param replicas          replication factor of both topics
     */
    public record TopicSettings(
            @Min(1) @DefaultValue("6") int targetsPartitions,
            @Min(1) @DefaultValue("6") int samplesPartitions,
            @Min(1) @DefaultValue("1") short replicas) {
    }
}
