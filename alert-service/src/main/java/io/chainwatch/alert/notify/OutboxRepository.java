package io.chainwatch.alert.notify;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.Channels;
import io.chainwatch.alert.secret.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code alert.notification_outbox}. The recipient of a webhook or chat message is its receiver's URL, which
 * carries the robot's access token: it is stored encrypted ({@code recipient_ciphertext}, {@link SecretCipher}) with
 * only its masked form in {@code recipient}, and decrypted when the message is claimed for sending.
 */
@Repository
public class OutboxRepository {

    private static final Logger log = LoggerFactory.getLogger(OutboxRepository.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Channels channels;

    public OutboxRepository(JdbcClient jdbc, SecretCipher cipher, Channels channels) {
        this.channels = channels;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Enqueues a message unless one with the same idempotency key exists; returns whether it did.
     *
     * @param transition the event kind (FIRING, RESOLVED, REPEAT, ESCALATION, META)
     */
    public boolean enqueue(String idempotencyKey, String fingerprint, String transition, Instant alertStartedAt,
                           String channel, String recipient, UUID receiverId, Message message) {
        return enqueue(idempotencyKey, fingerprint, transition, alertStartedAt, channel, recipient, receiverId, message,
                null);
    }

    /**
     * As {@link #enqueue(String, String, String, Instant, String, String, UUID, Message)}, for a message announcing
     * transitions recorded at {@code eventAt} (the delay to the channel's acceptance is measured from there).
     */
    public boolean enqueue(String idempotencyKey, String fingerprint, String transition, Instant alertStartedAt,
                           String channel, String recipient, UUID receiverId, Message message, Instant eventAt) {
        return jdbc.sql("""
                insert into alert.notification_outbox
                       (idempotency_key, fingerprint, transition, alert_started_at, channel, recipient,
                        recipient_ciphertext, receiver_id, subject, body, html, next_attempt_at, event_at)
                values (:key, :fp, :transition, :startedAt, :channel, :recipient, :recipientCiphertext, :receiverId,
                        :subject, :body, :html, now(), :eventAt)
                on conflict (idempotency_key) do nothing""")
                .param("eventAt", eventAt == null ? null : Timestamp.from(eventAt), java.sql.Types.TIMESTAMP)
                .param("key", idempotencyKey).param("fp", fingerprint).param("transition", transition)
                .param("startedAt", Timestamp.from(alertStartedAt)).param("channel", channel)
                .param("recipient", channels.maskedAddress(channel, recipient))
                .param("recipientCiphertext", recipientCiphertext(channel, recipient)).param("receiverId", receiverId)
                .param("subject", message.subject()).param("body", message.text()).param("html", message.html())
                .update() > 0;
    }

    /**
     * Enqueues a message that belongs to no alert (a registry notification to an organization) unless one with the
     * same idempotency key exists; returns whether it did.
     */
    public boolean enqueueNotice(String idempotencyKey, String fingerprint, String kind, Instant at, String channel,
                                 String recipient, UUID orgId, Message message) {
        return jdbc.sql("""
                insert into alert.notification_outbox
                       (idempotency_key, fingerprint, transition, alert_started_at, channel, recipient,
                        recipient_ciphertext, org_id, subject, body, html, next_attempt_at)
                values (:key, :fp, :kind, :at, :channel, :recipient, :recipientCiphertext, :orgId, :subject, :body,
                        :html, now())
                on conflict (idempotency_key) do nothing""")
                .param("key", idempotencyKey).param("fp", fingerprint).param("kind", kind)
                .param("at", Timestamp.from(at)).param("channel", channel)
                .param("recipient", channels.maskedAddress(channel, recipient))
                .param("recipientCiphertext", recipientCiphertext(channel, recipient))
                .param("orgId", orgId).param("subject", message.subject()).param("body", message.text())
                .param("html", message.html())
                .update() > 0;
    }

    /**
     * Enqueues a test message of a receiver (transition {@code TEST}, fingerprint {@code test:<receiver id>}); it is
     * sent, retried and counted (the SMS per hour) like an alert's message; without an event time, it stays out of the
     * transition-to-acceptance delay, which is about alerts. Returns the outbox row's id.
     */
    public long enqueueTest(String idempotencyKey, Receiver receiver, Message message) {
        return jdbc.sql("""
                insert into alert.notification_outbox
                       (idempotency_key, fingerprint, transition, alert_started_at, channel, recipient,
                        recipient_ciphertext, receiver_id, subject, body, html, next_attempt_at, event_at)
                values (:key, :fp, 'TEST', now(), :channel, :recipient, :recipientCiphertext, :receiverId,
                        :subject, :body, :html, now(), null)
                returning id""")
                .param("key", idempotencyKey).param("fp", "test:" + receiver.id())
                .param("channel", receiver.channel())
                .param("recipient", channels.maskedAddress(receiver.channel(), receiver.address()))
                .param("recipientCiphertext", recipientCiphertext(receiver.channel(), receiver.address()))
                .param("receiverId", receiver.id()).param("subject", message.subject())
                .param("body", message.text()).param("html", message.html())
                .query(Long.class).single();
    }

    /** A stable idempotency key for {@code s}: the first 16 bytes of its SHA-256, hex. */
    public static String key(String s) {
        return Signing.sha256Hex(s).substring(0, 32);
    }

    /**
     * Locks the next due message, skipping those another dispatcher holds, with its recipient decrypted. Call inside
     * a transaction.
     */
    public Optional<Notification> claimNextDue() {
        return jdbc.sql("""
                select id, channel, recipient, recipient_ciphertext, subject, body, html, idempotency_key,
                       receiver_id, attempts, event_at
                  from alert.notification_outbox
                 where sent_at is null and next_attempt_at <= now()
                 order by next_attempt_at, id
                 limit 1
                 for update skip locked""")
                .query((rs, i) -> new Notification(rs.getLong("id"), rs.getString("channel"),
                        rs.getString("recipient_ciphertext") != null ? cipher.decrypt(rs.getString("recipient_ciphertext"))
                                : rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                        rs.getString("html"), rs.getString("idempotency_key"),
                        rs.getObject("receiver_id", UUID.class), rs.getInt("attempts"),
                        rs.getTimestamp("event_at") == null ? null : rs.getTimestamp("event_at").toInstant()))
                .optional();
    }

    /** The URL of a webhook or chat message, encrypted; null for e-mail and SMS. */
    private String recipientCiphertext(String channel, String recipient) {
        return channels.secretUrl(channel) ? cipher.encrypt(recipient) : null;
    }

    /**
     * Encrypts the URLs of webhook and chat messages stored in plain text (rows written before URLs were encrypted),
     * keeping only their masked form in {@code recipient}; returns how many. Safe to run on several instances at once
     * (each row is changed only while it has no ciphertext and the same plain URL).
     */
    public int encryptPlaintextRecipients() {
        java.util.List<Object[]> rows = jdbc.sql("""
                select id, channel, recipient from alert.notification_outbox
                 where recipient_ciphertext is null and channel in (:channels)""")
                .param("channels", channels.secretUrlChannels())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
        int done = 0;
        for (Object[] row : rows) {
            String plain = (String) row[2];
            done += jdbc.sql("""
                    update alert.notification_outbox set recipient_ciphertext = :ciphertext, recipient = :masked
                     where id = :id and recipient_ciphertext is null and recipient = :plain""")
                    .param("id", row[0]).param("plain", plain).param("ciphertext", cipher.encrypt(plain))
                    .param("masked", channels.maskedAddress((String) row[1], plain))
                    .update();
        }
        if (done > 0) {
            log.info("Encrypted {} outbox recipient URL(s) that were stored in plain text", done);
        }
        return done;
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

    /**
     * Gives up every message of the organization still waiting (its alerts' and its registry notifications'), with
     * {@code reason} as their error, as {@link #markGivenUp} does: kept in the table, never tried again. Returns how
     * many.
     */
    public int giveUpWaitingOf(UUID orgId, String reason) {
        return jdbc.sql("""
                        update alert.notification_outbox o
                           set next_attempt_at = null, last_error = :reason
                         where o.sent_at is null and o.next_attempt_at is not null
                           and (o.org_id = :orgId
                                or exists (select 1 from alert.alert a
                                            where a.fingerprint = o.fingerprint and a.org_id = :orgId))""")
                .param("orgId", orgId).param("reason", reason).update();
    }

    /**
     * Makes every message waiting for the endpoint of {@code channel} (and {@code receiverId}, when the channel has
     * one endpoint per receiver) due now; returns how many. Called when that endpoint has just accepted a message.
     */
    public int releaseWaiting(String channel, UUID receiverId) {
        return jdbc.sql("""
                update alert.notification_outbox set next_attempt_at = now()
                 where channel = :channel and sent_at is null and next_attempt_at > now()
                   and (cast(:receiverId as uuid) is null or receiver_id = :receiverId)""")
                .param("channel", channel).param("receiverId", receiverId, java.sql.Types.OTHER).update();
    }

    /**
     * Makes the oldest message waiting for the endpoint due now (a probe of an endpoint that failed); returns
     * whether there was one.
     */
    public boolean probe(String channel, UUID receiverId) {
        return jdbc.sql("""
                update alert.notification_outbox set next_attempt_at = now()
                 where id = (select id from alert.notification_outbox
                              where channel = :channel and sent_at is null and next_attempt_at > now()
                                and (cast(:receiverId as uuid) is null or receiver_id = :receiverId)
                              order by id limit 1)""")
                .param("channel", channel).param("receiverId", receiverId, java.sql.Types.OTHER).update() > 0;
    }

    /** The earliest future retry moment of a waiting message, or null. */
    public Instant nextRetry() {
        return jdbc.sql("""
                select min(next_attempt_at) from alert.notification_outbox
                 where sent_at is null and next_attempt_at > now()""")
                .query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional().orElse(null);
    }

    /** Messages still to be sent (not sent, not given up). */
    public long pending() {
        return jdbc.sql("""
                select count(*) from alert.notification_outbox where sent_at is null and next_attempt_at is not null""")
                .query(Long.class).single();
    }

    /** Seconds since the oldest message still to be sent was enqueued; 0 when there is none. */
    public double oldestPendingAgeSeconds() {
        return jdbc.sql("""
                select coalesce(extract(epoch from now() - min(created_at)), 0) from alert.notification_outbox
                 where sent_at is null and next_attempt_at is not null""")
                .query(Double.class).single();
    }

    /** Alert SMS (not limit notices) enqueued for an organization's receivers in the last hour. */
    public long smsInLastHour(UUID orgId) {
        return jdbc.sql("""
                select count(*) from alert.notification_outbox o join alert.receiver r on r.id = o.receiver_id
                 where o.channel = 'sms' and r.org_id = :org and o.transition <> 'NOTICE'
                   and o.created_at > now() - interval '1 hour'""")
                .param("org", orgId).query(Long.class).single();
    }

    /**
     * Organizations with messages waiting on a channel (not sent, not given up), and how many: alert messages by
     * their alert's organization, registry notifications by their own.
     */
    public java.util.Map<UUID, Long> waitingOn(String channel) {
        java.util.Map<UUID, Long> out = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                select coalesce(a.org_id, o.org_id) as org, count(*)
                  from alert.notification_outbox o left join alert.alert a on a.fingerprint = o.fingerprint
                 where o.channel = :channel and o.sent_at is null and o.next_attempt_at is not null
                   and coalesce(a.org_id, o.org_id) is not null
                 group by 1""")
                .param("channel", channel)
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return out;
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    /** A recipient as a log line or error may show it: a secret URL masked. */
    public String shown(String channel, String recipient) {
        return channels.maskedAddress(channel, recipient);
    }
}
