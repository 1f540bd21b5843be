package io.chainwatch.registry.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Table {@code registry.outbox}. */
@Repository
public class OutboxRepository {

    /** Key of the transaction-scoped advisory lock the relay holds while it publishes. */
    private static final long RELAY_LOCK_KEY = 0x63_77_6f_75_74_62_6f_78L; // "cwoutbox"

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a Kafka record. Must run inside the caller's transaction, so the record exists if and only if the
     * change it describes is committed.
     *
     * @param payload the record value, {@code null} for a tombstone
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String payload) {
        jdbc.sql("insert into registry.outbox (topic, message_key, payload) values (:topic, :key, :payload)")
                .param("topic", topic)
                .param("key", key)
                .param("payload", payload)
                .update();
    }

    /**
     * Takes the relay lock for the current transaction, if no other relay (of any instance) holds it. Only one
     * relay publishes at a time, so two records of one key are never sent by two instances out of order.
     */
    public boolean tryLockRelay() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                .param("key", RELAY_LOCK_KEY)
                .query(Boolean.class)
                .single());
    }

    /** The oldest unpublished rows, locked for this transaction; rows another transaction holds are skipped. */
    public List<OutboxMessage> lockUnpublished(int limit) {
        return jdbc.sql("""
                        select id, topic, message_key, payload from registry.outbox
                        where published_at is null
                        order by id
                        limit :limit
                        for update skip locked""")
                .param("limit", limit)
                .query((rs, row) -> new OutboxMessage(rs.getLong("id"), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("payload")))
                .list();
    }

    public void markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update registry.outbox set published_at = now() where id in (:ids)")
                .param("ids", ids)
                .update();
    }

    /** Deletes rows published before {@code cutoff}; returns how many. */
    public int deletePublishedBefore(Instant cutoff) {
        return jdbc.sql("delete from registry.outbox where published_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }
}
