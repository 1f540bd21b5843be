package io.chainwatch.events;

import java.util.List;

/**
 * Something the registry must tell an organization's people (an alliance join waiting for its approval, a task
 * that failed). Written by the registry's outbox to {@link Topics#NOTIFICATIONS}; the alert service delivers it by
 * e-mail through its own durable outbox, exactly once per {@code notificationId} and recipient.
 *
 * @param notificationId registry id of the notification (idempotency key)
 * @param orgId          the organization told
 * @param orgName        its name (for the message)
 * @param kind           what happened, e.g. {@code APPROVAL_REQUESTED}
 * @param subject        one-line subject
 * @param text           plain-text body (what to do, with the task id)
 * @param emailTo        the organization's contact addresses
 * @param createdAt      when the registry created it, ISO-8601
 */
public record OrgNotification(
        String notificationId,
        String orgId,
        String orgName,
        String kind,
        String subject,
        String text,
        List<String> emailTo,
        String createdAt) {

    public OrgNotification {
        emailTo = emailTo == null ? List.of() : List.copyOf(emailTo);
    }
}
