package io.chainwatch.alert.notify;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code alert.notification_outbox}. */
@Repository
public class OutboxRepository {

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enqueues a message unless this transition already has one for this recipient; returns whether it did. */
    public boolean enqueue(String fingerprint, String transition, Instant alertStartedAt, String channel,
                           String recipient, String subject, String body) {
        return jdbc.sql("""
                insert into alert.notification_outbox
                       (fingerprint, transition, alert_started_at, channel, recipient, subject, body, next_attempt_at)
                values (:fp, :transition, :startedAt, :channel, :recipient, :subject, :body, now())
                on conflict on constraint notification_outbox_once do nothing""")
                .param("fp", fingerprint).param("transition", transition)
                .param("startedAt", Timestamp.from(alertStartedAt)).param("channel", channel)
                .param("recipient", recipient).param("subject", subject).param("body", body)
                .update() > 0;
    }

    /** Locks the next due message, skipping those another dispatcher holds. Call inside a transaction. */
    public Optional<Notification> claimNextDue() {
        return jdbc.sql("""
                select id, channel, recipient, subject, body, attempts from alert.notification_outbox
                 where sent_at is null and next_attempt_at <= now()
                 order by next_attempt_at, id
                 limit 1
                 for update skip locked""")
                .query((rs, i) -> new Notification(rs.getLong("id"), rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                        rs.getInt("attempts")))
                .optional();
    }

    public void markSent(long id) {
        jdbc.sql("""
                update alert.notification_outbox
                   set sent_at = now(), next_attempt_at = null, attempts = attempts + 1, last_error = null
                 where id = :id""").param("id", id).update();
    }

    public void markRetry(long id, Duration delay, String error) {
        jdbc.sql("""
                update alert.notification_outbox
                   set attempts = attempts + 1, last_error = :error,
                       next_attempt_at = now() + (:ms * interval '1 millisecond')
                 where id = :id""")
                .param("id", id).param("ms", delay.toMillis()).param("error", truncate(error)).update();
    }

    /** A permanent failure: the message stays in the table with its error but is never tried again. */
    public void markGivenUp(long id, String error) {
        jdbc.sql("""
                update alert.notification_outbox
                   set attempts = attempts + 1, last_error = :error, next_attempt_at = null
                 where id = :id""").param("id", id).param("error", truncate(error)).update();
    }

    /** Messages still to be sent (not sent, not given up). */
    public long pending() {
        return jdbc.sql("""
                select count(*) from alert.notification_outbox where sent_at is null and next_attempt_at is not null""")
                .query(Long.class).single();
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
