package io.chainwatch.registry.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chainwatch.registry.RegistryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka, oldest first, and marks them published. One run, in one database
 * transaction: take the relay lock (one relay at a time across instances), lock up to {@code batch-size}
 * unpublished rows with {@code FOR UPDATE SKIP LOCKED}, send them all, wait for each acknowledgement in order,
 * and mark the acknowledged prefix published. A record that fails stops the run; it and everything after it are
 * sent again by a later run (at least once, never out of order per key).
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transaction;
    private final RegistryProperties.Outbox settings;

    OutboxRelay(OutboxRepository outbox, KafkaTemplate<String, String> kafka, TransactionTemplate transaction,
            RegistryProperties properties) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.transaction = transaction;
        this.settings = properties.outbox();
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.outbox.relay-interval:200ms}")
    void scheduledRelay() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.warn("outbox relay run failed; the next run retries", e);
        }
    }

    /** One relay run; returns how many records were published. */
    public int relay() {
        Integer published = transaction.execute(status -> {
            if (!outbox.tryLockRelay()) {
                return 0;
            }
            List<OutboxMessage> batch = outbox.lockUnpublished(settings.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
            for (OutboxMessage message : batch) {
                sends.add(kafka.send(message.topic(), message.key(), message.payload()));
            }
            List<Long> acknowledged = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (!awaitAck(batch.get(i), sends.get(i))) {
                    break;
                }
                acknowledged.add(batch.get(i).id());
            }
            outbox.markPublished(acknowledged);
            return acknowledged.size();
        });
        return published == null ? 0 : published;
    }

    private boolean awaitAck(OutboxMessage message, CompletableFuture<SendResult<String, String>> send) {
        try {
            send.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("outbox row {} (topic {}, key {}) not acknowledged by Kafka; will retry", message.id(),
                    message.topic(), message.key(), e instanceof ExecutionException ? e.getCause() : e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
