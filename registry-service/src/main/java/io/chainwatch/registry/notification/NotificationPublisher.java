package io.chainwatch.registry.notification;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import io.chainwatch.events.OrgNotification;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.outbox.OutboxRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a notification to the people of its organization: appends it as an {@link OrgNotification} (to the
 * organization's contact address, key = organization id) to the outbox, in the transaction that wrote the
 * notification row, so a notification is published if and only if it is committed, once. The alert service mails
 * it.
 */
@Component
class NotificationPublisher {

    private final JdbcClient jdbc;
    private final OutboxRepository outbox;
    private final JsonMapper json;

    NotificationPublisher(JdbcClient jdbc, OutboxRepository outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    /** Queues the notification row {@code id} for Kafka; nothing when there is no such row. */
    @Transactional(propagation = Propagation.MANDATORY)
    void publish(UUID id) {
        jdbc.sql("""
                        select n.id, n.org_id, o.name as org_name, n.kind, n.subject, n.body, n.email, n.created_at
                        from registry.notification n join registry.organization o on o.id = n.org_id
                        where n.id = :id""")
                .param("id", id)
                .query((rs, row) -> new OrgNotification(rs.getString("id"), rs.getString("org_id"),
                        rs.getString("org_name"), rs.getString("kind"), rs.getString("subject"), rs.getString("body"),
                        List.of(rs.getString("email")), DateTimeFormatter.ISO_INSTANT.format(
                                rs.getObject("created_at", OffsetDateTime.class).toInstant())))
                .optional()
                .ifPresent(notification -> outbox.append(Topics.NOTIFICATIONS, notification.orgId(),
                        json.writeValueAsString(notification)));
    }
}
