/**
 * The transactional outbox: features append Kafka records to {@code registry.outbox} in their own
 * transaction ({@link io.chainwatch.registry.outbox.OutboxRepository#append}); the
 * {@link io.chainwatch.registry.outbox.OutboxRelay} publishes them in order and marks them published; old
 * published rows are deleted by the {@link io.chainwatch.registry.outbox.OutboxCleaner}. The topics are declared
 * with every service's ({@code chainwatch.topics.declared}, {@code io.chainwatch.security.topics}).
 */
package io.chainwatch.registry.outbox;
