package io.chainwatch.alert.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The event log {@code alert.alert_event} and the group clock {@code alert.notification_group}. */
@Repository
public class AlertEventRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AlertEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An event with its row id and when it was recorded (the recording transaction's time). */
    public record Stored(long id, AlertEvent event, java.time.Instant recordedAt) {
    }

    public void insert(AlertEvent e) {
        jdbc.sql("""
                insert into alert.alert_event (fingerprint, kind, group_key, level, payload)
                values (:fp, :kind, :group, :level, cast(:payload as jsonb))""")
                .param("fp", e.fingerprint()).param("kind", e.kind()).param("group", e.groupKey())
                .param("level", e.level()).param("payload", json.writeValueAsString(e)).update();
    }

    /**
     * Groups with unplanned events that are due: the oldest waited {@code groupWait}, and the group's last message
     * is at least {@code groupInterval} old. Oldest first.
     */
    public List<String> dueGroups(Duration groupWait, Duration groupInterval) {
        return jdbc.sql("""
                select e.group_key from alert.alert_event e
                  left join alert.notification_group g on g.group_key = e.group_key
                 where e.planned_at is null
                 group by e.group_key, g.last_flush_at
                having min(e.created_at) <= now() - :wait * interval '1 millisecond'
                   and (g.last_flush_at is null or g.last_flush_at <= now() - :interval * interval '1 millisecond')
                 order by min(e.id)
                 limit 100""")
                .param("wait", groupWait.toMillis()).param("interval", groupInterval.toMillis())
                .query(String.class).list();
    }

    /**
     * The earliest future moment at which a group with unplanned events becomes due ({@code groupWait} after its
     * oldest event, {@code groupInterval} after its last message), or null when none waits for a future moment.
     */
    public java.time.Instant nextGroupDue(Duration groupWait, Duration groupInterval) {
        return jdbc.sql("""
                select min(due) from (
                    select greatest(min(e.created_at) + :wait * interval '1 millisecond',
                                    coalesce(g.last_flush_at, '-infinity') + :interval * interval '1 millisecond') as due
                      from alert.alert_event e
                      left join alert.notification_group g on g.group_key = e.group_key
                     where e.planned_at is null
                     group by e.group_key, g.last_flush_at) groups
                 where due > now()""")
                .param("wait", groupWait.toMillis()).param("interval", groupInterval.toMillis())
                .query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional().orElse(null);
    }

    /** Locks a group for planning; false when another instance holds it. Call inside a transaction. */
    public boolean lockGroup(String groupKey) {
        jdbc.sql("""
                insert into alert.notification_group (group_key, last_flush_at) values (:g, '-infinity')
                on conflict do nothing""").param("g", groupKey).update();
        return jdbc.sql("select 1 from alert.notification_group where group_key = :g for update skip locked")
                .param("g", groupKey).query(Integer.class).optional().isPresent();
    }

    /** The group's unplanned events, oldest first, locked. */
    public List<Stored> unplanned(String groupKey) {
        return jdbc.sql("""
                select id, payload, created_at from alert.alert_event where group_key = :g and planned_at is null
                 order by id for update""")
                .param("g", groupKey)
                .query((rs, i) -> new Stored(rs.getLong(1), json.readValue(rs.getString(2), AlertEvent.class),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    public void markPlanned(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update alert.alert_event set planned_at = now() where id in (:ids)").param("ids", ids).update();
        }
    }

    /**
     * Lets the groups whose keys start with {@code prefix} (one rule on one chain, all kinds and levels) flush again
     * without waiting for their group interval: their outage is over, and the next one is a new group.
     */
    public void restartGroups(String prefix) {
        jdbc.sql("update alert.notification_group set last_flush_at = '-infinity' where starts_with(group_key, :p)")
                .param("p", prefix).update();
    }

    public void flushed(String groupKey) {
        jdbc.sql("update alert.notification_group set last_flush_at = now() where group_key = :g")
                .param("g", groupKey).update();
    }

    /** Whether an unplanned event of this kind exists for the fingerprint (with a smaller id when given). */
    public boolean hasUnplanned(String fingerprint, String kind, long beforeId) {
        return jdbc.sql("""
                select count(*) from alert.alert_event
                 where fingerprint = :fp and kind = :kind and planned_at is null and id < :before""")
                .param("fp", fingerprint).param("kind", kind).param("before", beforeId)
                .query(Long.class).single() > 0;
    }

    /** The latest FIRING event of a fingerprint (to announce it again). */
    public Optional<AlertEvent> lastFiring(String fingerprint) {
        return jdbc.sql("""
                select payload from alert.alert_event where fingerprint = :fp and kind = 'FIRING'
                 order by id desc limit 1""")
                .param("fp", fingerprint).query((rs, i) -> json.readValue(rs.getString(1), AlertEvent.class))
                .optional();
    }
}
