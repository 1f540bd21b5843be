package io.chainwatch.registry.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Table {@code registry.notification}. */
@Repository
public class Notifications {

    private final JdbcClient jdbc;
    private final NotificationPublisher publisher;

    Notifications(JdbcClient jdbc, NotificationPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    /**
     * Queues a notification to an organization's contact address, in the caller's transaction, and its
     * {@code OrgNotification} record for Kafka (outbox).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(UUID orgId, String kind, UUID taskId, UUID allianceId, String subject, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into registry.notification (id, org_id, email, kind, task_id, alliance_id, subject, body,
                            created_at)
                        select :id, o.id, o.contact_email, :kind, :taskId, :allianceId, :subject, :body, now()
                        from registry.organization o where o.id = :orgId""")
                .param("id", id)
                .param("orgId", orgId)
                .param("kind", kind)
                .param("taskId", taskId)
                .param("allianceId", allianceId)
                .param("subject", subject)
                .param("body", body)
                .update();
        publisher.publish(id);
    }

    /** Withdraws the not yet sent notifications a task wrote to an organization (task rollback). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int withdraw(UUID taskId, UUID orgId) {
        return jdbc.sql("delete from registry.notification where task_id = :taskId and org_id = :orgId and sent_at is null")
                .param("taskId", taskId).param("orgId", orgId).update();
    }

    /** Filters of {@link #find}; {@code null} = any. */
    public record Query(UUID orgId, String kind, UUID taskId, Boolean sent) {
    }

    public Page<Notification> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("org_id = :orgId", "orgId", query.orgId())
                .and("kind = :kind", "kind", query.kind())
                .and("task_id = :taskId", "taskId", query.taskId());
        if (query.sent() != null) {
            where.and(query.sent() ? "sent_at is not null" : "sent_at is null");
        }
        return where.page(jdbc, "*", "from registry.notification", "created_at desc, id", page, (rs, row) -> {
            OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
            return new Notification(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                    rs.getString("email"), rs.getString("kind"), rs.getObject("task_id", UUID.class),
                    rs.getObject("alliance_id", UUID.class), rs.getString("subject"), rs.getString("body"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(), sent == null ? null : sent.toInstant());
        });
    }
}
