package io.chainwatch.alert.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chainwatch.security.audit.KafkaAuditPublisher;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends {@code alert.audit_outbox} to {@code chainwatch.audit}, oldest first: one run in one transaction holds an
 * advisory lock (one relay across instances), sends up to 200 rows, waits for each acknowledgement in order and
 * deletes the acknowledged prefix; a row Kafka does not take stops the run and is sent again by the next one.
 */
@Component
class AuditOutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(AuditOutboxRelay.class);
    private static final long LOCK_KEY = 0x63_77_61_75_64_69_74_6fL; // "cwaudito"

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaAuditPublisher kafka;

    AuditOutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaAuditPublisher kafka) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
    }

    private record Row(long id, String key, String payload) {
    }

    @Scheduled(fixedDelayString = "${chainwatch.alert.audit-relay-interval:500ms}")
    void scheduled() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.warn("audit outbox relay run failed; the next run retries", e);
        }
    }

    /** One run; returns how many entries Kafka acknowledged. */
    int relay() {
        Integer sent = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
                    .query(Boolean.class).single())) {
                return 0;
            }
            List<Row> rows = jdbc.sql("""
                            select id, message_key, payload from alert.audit_outbox
                            order by id limit 200 for update skip locked""")
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Row row : rows) {
                sends.add(kafka.send(row.key(), row.payload()));
            }
            List<Long> done = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    sends.get(i).get(30, TimeUnit.SECONDS);
                    done.add(rows.get(i).id());
                } catch (ExecutionException | TimeoutException e) {
                    log.warn("audit entry {} not acknowledged by Kafka; will retry", rows.get(i).id(), e);
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!done.isEmpty()) {
                jdbc.sql("delete from alert.audit_outbox where id in (:ids)").param("ids", done).update();
            }
            return done.size();
        });
        return sent == null ? 0 : sent;
    }
}
