package io.chainwatch.registry.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification.
 *
 * @param kind   e.g. {@code ALLIANCE_INVITATION}, {@code JOIN_APPROVAL_REQUESTED}
 * @param sentAt when it was mailed; {@code null} until then
 */
public record Notification(UUID id, UUID orgId, String email, String kind, UUID taskId, UUID allianceId,
        String subject, String body, Instant createdAt, Instant sentAt) {
}
