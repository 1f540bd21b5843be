package io.chainwatch.alert.notify;

/** One message to one recipient over one channel, as stored in the outbox. */
public record Notification(long id, String channel, String recipient, String subject, String body, int attempts) {
}
