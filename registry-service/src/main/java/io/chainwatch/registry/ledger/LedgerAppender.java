package io.chainwatch.registry.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.audit.AuditLog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The single appender: reads {@link Topics#AUDIT} (one partition, so one total order, read by the one member of the
 * consumer group {@code chainwatch.registry.ledger.consumer-group} that holds it) and, per record, in one database
 * transaction, stores the entry in the audit table and appends it as the next leaf of the log. A record read twice
 * (after a crash before the offset commit) is recognized by its entry id and not appended again. Should two
 * instances ever append at once (a rebalance in flight), the lock on {@code ledger_state} serializes them and the
 * primary key on {@code leaf_index} refuses a second leaf at one place.
 */
@Component
public class LedgerAppender {

    private static final Logger log = LoggerFactory.getLogger(LedgerAppender.class);

    private final LedgerRepository ledger;
    private final AuditLog audit;
    private final LogKey key;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Counter appended;
    private final Counter rejected;

    LedgerAppender(LedgerRepository ledger, AuditLog audit, LogKey key, TransactionTemplate transaction,
            JsonMapper json, MeterRegistry meters) {
        this.ledger = ledger;
        this.audit = audit;
        this.key = key;
        this.transaction = transaction;
        this.json = json;
        this.appended = Counter.builder("chainwatch.ledger.entries.appended")
                .description("Entries appended to the tamper-evident log").register(meters);
        this.rejected = Counter.builder("chainwatch.ledger.entries.rejected")
                .description("Records of chainwatch.audit that are not an audit entry (logged, not appended)")
                .register(meters);
    }

    @KafkaListener(id = "chainwatch-ledger-appender", topics = Topics.AUDIT, containerFactory = "ledgerListenerFactory",
            groupId = "${chainwatch.registry.ledger.consumer-group:chainwatch-ledger}",
            properties = {"auto.offset.reset=earliest", "isolation.level=read_committed"})
    void onRecord(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        append(record.value().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one entry (its exact JSON bytes); returns its leaf index, or -1 if it is not an audit entry. */
    public long append(byte[] data) {
        AuditEntry entry;
        UUID entryId;
        try {
            entry = json.readValue(data, AuditEntry.class);
            entryId = UUID.fromString(entry.entryId());
        } catch (RuntimeException e) {
            rejected.increment();
            log.error("not an audit entry on {}, not appended: {}", Topics.AUDIT,
                    new String(data, StandardCharsets.UTF_8), e);
            return -1;
        }
        Long index = transaction.execute(status -> {
            audit.store(entry);
            long size = ledger.lockSize();
            if (ledger.contains(entryId)) {
                return ledger.indexOf(entryId).orElseThrow();
            }
            long at = System.currentTimeMillis();
            byte[] leafHash = MerkleTree.leafHash(data);
            ledger.insert(new LedgerRepository.Leaf(size, entryId, uuidOrNull(entry.orgId()), at, data, leafHash,
                    key.sign(LogSignatures.entryBytes(size, at, leafHash))));
            appended.increment();
            return size;
        });
        return index == null ? -1 : index;
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
