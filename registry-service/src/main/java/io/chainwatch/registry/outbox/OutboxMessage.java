package io.chainwatch.registry.outbox;

/**
 * One outbox row waiting to be published.
 *
 * @param id      position in the outbox; rows are published in this order
 * @param topic   Kafka topic
 * @param key     Kafka record key
 * @param payload record value; {@code null} for a tombstone
 */
public record OutboxMessage(long id, String topic, String key, String payload) {
}
