package io.chainwatch.alert.notify;

import java.util.UUID;

/**
 * One message to one recipient over one channel, as stored in the outbox.
 *
 * @param idempotencyKey stable key of (message, receiver): sent along where the channel allows (e-mail
 *                       Message-ID, webhook header, SMS provider's out id) so a receiver can drop a resend
 * @param receiverId     the organization receiver it goes to, null for a rule's own e-mail recipients
 * @param eventAt        when the transition it announces was recorded; null for notices that announce none
 */
public record Notification(long id, String channel, String recipient, String subject, String body, String html,
                           String idempotencyKey, UUID receiverId, int attempts, java.time.Instant eventAt) {

    /** A notification that announces no recorded transition. */
    public Notification(long id, String channel, String recipient, String subject, String body, String html,
                        String idempotencyKey, UUID receiverId, int attempts) {
        this(id, channel, recipient, subject, body, html, idempotencyKey, receiverId, attempts, null);
    }

    /** A plain-text notification (tests, the foundation's shape). */
    public Notification(long id, String channel, String recipient, String subject, String body, int attempts) {
        this(id, channel, recipient, subject, body, null, "key-" + id, null, attempts);
    }
}
