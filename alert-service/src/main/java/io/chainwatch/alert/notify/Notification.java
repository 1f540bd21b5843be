package io.chainwatch.alert.notify;

import java.util.UUID;

/**
 * One message to one recipient over one channel, as stored in the outbox.
 *
 * @param idempotencyKey stable key of (message, receiver): sent along where the channel allows (e-mail
 *                       Message-ID, webhook header, SMS provider's out id) so a receiver can drop a resend
 * @param receiverId     the organization receiver it goes to, null for a rule's own e-mail recipients
 */
public record Notification(long id, String channel, String recipient, String subject, String body, String html,
                           String idempotencyKey, UUID receiverId, int attempts) {

    /** A plain-text notification (tests, the foundation's shape). */
    public Notification(long id, String channel, String recipient, String subject, String body, int attempts) {
        this(id, channel, recipient, subject, body, null, "key-" + id, null, attempts);
    }
}
