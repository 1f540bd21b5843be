package io.chainwatch.alert.notify;

/**
 * A rendered message for one receiver, stored in the outbox: {@code subject} (e-mail subject, SMS/webhook title),
 * {@code text} (plain text, SMS text or the webhook's JSON body) and an optional {@code html} alternative.
 */
public record Message(String subject, String text, String html) {
}
