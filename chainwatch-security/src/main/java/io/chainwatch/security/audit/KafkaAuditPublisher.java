package io.chainwatch.security.audit;

import java.util.HashMap;
import java.util.Map;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.events.Topics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes audit entries to {@link Topics#AUDIT} (key = organization id, or {@code platform}) with its own
 * idempotent, {@code acks=all}, non-transactional producer (a service whose other records go in Kafka transactions
 * still audits outside them). Sending is asynchronous: the request does not wait for Kafka; a record Kafka does not
 * take within the producer's delivery timeout is logged with its whole content (at ERROR, logger
 * {@code io.chainwatch.security.audit}) and counted in {@link #failures()}.
 */
public class KafkaAuditPublisher implements AuditPublisher, DisposableBean {

    private static final Log log = LogFactory.getLog(KafkaAuditPublisher.class);

    private final Producer<String, String> producer;
    private final JsonMapper json;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    public KafkaAuditPublisher(Map<String, Object> producerProperties, JsonMapper json) {
        Map<String, Object> config = new HashMap<>(producerProperties);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "chainwatch-audit-" + java.util.UUID.randomUUID());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.json = json;
    }

    KafkaAuditPublisher(Producer<String, String> producer, JsonMapper json) {
        this.producer = producer;
        this.json = json;
    }

    @Override
    public void publish(AuditEntry entry) {
        String value = json.writeValueAsString(entry);
        try {
            producer.send(new ProducerRecord<>(Topics.AUDIT, key(entry), value), (metadata, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    log.error("audit entry not published to " + Topics.AUDIT + ": " + value, error);
                }
            });
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.error("audit entry not published to " + Topics.AUDIT + ": " + value, e);
        }
    }

    /**
     * Sends an entry already serialized (a service's outbox of audit entries), to be waited for by the caller.
     *
     * @param key  the Kafka key ({@link #key})
     * @param json the {@link AuditEntry} JSON
     */
    public java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(String key,
            String json) {
        return producer.send(new ProducerRecord<>(Topics.AUDIT, key, json));
    }

    /** The Kafka key of an entry: its organization, or {@code platform}. */
    public static String key(AuditEntry entry) {
        return entry.orgId() == null ? "platform" : entry.orgId();
    }

    /** How many entries Kafka did not take since start. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
