package io.chainwatch.alert.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Alert rows in table {@code alert.alert} and their episodes in {@code alert.alert_history}. Every status change
 * is conditional on the current status, so a transition recorded by another instance or an earlier run is not
 * recorded twice.
 */
@Repository
public class AlertRepository {

    private final JdbcClient jdbc;

    public AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored states an alert may move to {@code next} from ({@link AlertStatus#canMoveTo}): every status change
     * below is conditional on them. PENDING is never stored in this table (it lives in {@code pending_condition}).
     */
    static List<String> storedFrom(AlertStatus next) {
        return AlertStatus.movingTo(next).stream().filter(s -> s != AlertStatus.PENDING).map(Enum::name).toList();
    }

    /** What resolving a firing alert found. */
    public record Resolved(Instant startedAt, Instant acknowledgedAt, boolean notified) {
    }

    /**
     * Opens (or re-opens) the alert and starts an episode. Returns false when it is already open (firing or
     * acknowledged).
     */
    public boolean fire(String fingerprint, UUID ruleId, String ruleType, String severity, UUID orgId, UUID chainId,
                        UUID nodeId, Instant startedAt, String summary, String orgName, String chainName,
                        String nodeName) {
        boolean changed = jdbc.sql("""
                insert into alert.alert (fingerprint, rule_id, rule_type, severity, org_id, chain_id, node_id, status,
                                         started_at, resolved_at, summary, updated_at, org_name, chain_name, node_name,
                                         notified, last_notified_at, escalation_level)
                values (:fp, :ruleId, :ruleType, :severity, :orgId, :chainId, :nodeId, 'FIRING', :startedAt, null,
                        :summary, now(), :orgName, :chainName, :nodeName, true, null, 0)
                on conflict (fingerprint) do update
                   set status = 'FIRING', started_at = excluded.started_at, resolved_at = null,
                       summary = excluded.summary, updated_at = now(), acknowledged_at = null, acknowledged_by = null,
                       org_name = excluded.org_name, chain_name = excluded.chain_name, node_name = excluded.node_name,
                       severity = excluded.severity, notified = true, last_notified_at = null, escalation_level = 0
                 where alert.status in (:from)""")
                .param("from", storedFrom(AlertStatus.FIRING))
                .param("fp", fingerprint).param("ruleId", ruleId).param("ruleType", ruleType)
                .param("severity", severity).param("orgId", orgId).param("chainId", chainId)
                .param("nodeId", nodeId).param("startedAt", Timestamp.from(startedAt)).param("summary", summary)
                .param("orgName", orgName).param("chainName", chainName).param("nodeName", nodeName)
                .update() > 0;
        if (changed) {
            jdbc.sql("""
                    insert into alert.alert_history (fingerprint, started_at, rule_id, rule_type, severity, org_id,
                                                     chain_id, node_id, org_name, chain_name, node_name, summary)
                    values (:fp, :startedAt, :ruleId, :ruleType, :severity, :orgId, :chainId, :nodeId, :orgName,
                            :chainName, :nodeName, :summary)
                    on conflict do nothing""")
                    .param("fp", fingerprint).param("ruleId", ruleId).param("ruleType", ruleType)
                    .param("severity", severity).param("orgId", orgId).param("chainId", chainId)
                    .param("nodeId", nodeId).param("startedAt", Timestamp.from(startedAt)).param("summary", summary)
                    .param("orgName", orgName).param("chainName", chainName).param("nodeName", nodeName)
                    .update();
        }
        return changed;
    }

    /** Resolves an open alert and closes its episode; empty when it was not open. */
    public Optional<Resolved> resolve(String fingerprint, Instant resolvedAt, String summary) {
        Optional<Resolved> resolved = jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = :at, summary = :summary, updated_at = now()
                 where fingerprint = :fp and status in (:from)
                returning started_at, acknowledged_at, notified""")
                .param("from", storedFrom(AlertStatus.RESOLVED)).param("fp", fingerprint)
                .param("at", Timestamp.from(resolvedAt)).param("summary", summary)
                .query((rs, i) -> new Resolved(rs.getTimestamp(1).toInstant(), instant(rs, 2), rs.getBoolean(3)))
                .optional();
        resolved.ifPresent(r -> jdbc.sql("""
                update alert.alert_history set resolved_at = :at where fingerprint = :fp and started_at = :startedAt""")
                .param("fp", fingerprint).param("at", Timestamp.from(resolvedAt))
                .param("startedAt", Timestamp.from(r.startedAt())).update());
        return resolved;
    }

    /** Acknowledges a firing alert; returns it, or empty when it is not firing (unknown, acknowledged, resolved). */
    public Optional<AlertView> acknowledge(String fingerprint, String by, Instant at) {
        Optional<AlertView> acked = jdbc.sql("""
                update alert.alert set status = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :by,
                       updated_at = now()
                 where fingerprint = :fp and status in (:from)
                returning *""")
                .param("from", storedFrom(AlertStatus.ACKNOWLEDGED)).param("fp", fingerprint).param("by", by)
                .param("at", Timestamp.from(at))
                .query(this::map).optional();
        acked.ifPresent(a -> jdbc.sql("""
                update alert.alert_history set acknowledged_at = :at, acknowledged_by = :by
                 where fingerprint = :fp and started_at = :startedAt""")
                .param("fp", fingerprint).param("by", by).param("at", Timestamp.from(at))
                .param("startedAt", Timestamp.from(a.startedAt())).update());
        return acked;
    }

    /** Resolves open alerts without any notification; returns how many were closed. */
    public int closeQuietly(List<String> fingerprints, String reason) {
        if (fingerprints.isEmpty()) {
            return 0;
        }
        closeHistory("fingerprint in (:fps)", fingerprints);
        return jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = now(), updated_at = now(),
                       summary = summary || ' (closed: ' || :reason || ')'
                 where fingerprint in (:fps) and status in ('FIRING', 'ACKNOWLEDGED')""")
                .param("fps", fingerprints).param("reason", reason).update();
    }

    /** Resolves the open alerts of a rule without notification. */
    public int closeQuietlyByRule(UUID ruleId, String reason) {
        closeHistory("rule_id = :fps", ruleId);
        return jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = now(), updated_at = now(),
                       summary = summary || ' (closed: ' || :reason || ')'
                 where rule_id = :ruleId and status in ('FIRING', 'ACKNOWLEDGED')""")
                .param("ruleId", ruleId).param("reason", reason).update();
    }

    private void closeHistory(String where, Object value) {
        jdbc.sql("update alert.alert_history h set resolved_at = now() from alert.alert a"
                        + " where a.fingerprint = h.fingerprint and a.started_at = h.started_at"
                        + " and a.status in ('FIRING', 'ACKNOWLEDGED') and a." + where)
                .param("fps", value).update();
    }

    /** Open (firing or acknowledged) alerts, as the evaluator needs them. */
    public List<FiringAlert> firing() {
        return jdbc.sql("""
                select fingerprint, rule_id, chain_id, node_id, started_at from alert.alert
                 where status in ('FIRING', 'ACKNOWLEDGED')""")
                .query((rs, i) -> new FiringAlert(rs.getString("fingerprint"), rs.getObject("rule_id", UUID.class),
                        rs.getObject("chain_id", UUID.class), rs.getObject("node_id", UUID.class),
                        rs.getTimestamp("started_at").toInstant()))
                .list();
    }

    public Optional<AlertView> find(String fingerprint) {
        return jdbc.sql("select * from alert.alert_view where fingerprint = :fp").param("fp", fingerprint)
                .query(this::map).optional();
    }

    /**
     * Alerts, newest change first, optionally of one organization, chain and/or status; pending alerts (conditions
     * holding, not yet for forSeconds) included, as status PENDING.
     */
    public List<AlertView> list(UUID orgId, UUID chainId, AlertStatus status) {
        return jdbc.sql("""
                select * from alert.alert_view
                 where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and (cast(:chainId as uuid) is null or chain_id = cast(:chainId as uuid))
                   and (cast(:status as text) is null or status = cast(:status as text))
                 order by updated_at desc, fingerprint
                 limit 1000""")
                .param("orgId", orgId).param("chainId", chainId).param("status", status == null ? null : status.name())
                .query(this::map).list();
    }

    /** Open alerts (firing or acknowledged), of one organization / chain when given. */
    public List<AlertView> current(UUID orgId, UUID chainId) {
        return jdbc.sql("""
                select * from alert.alert
                 where status in ('FIRING', 'ACKNOWLEDGED')
                   and (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and (cast(:chainId as uuid) is null or chain_id = cast(:chainId as uuid))
                 order by started_at desc, fingerprint
                 limit 1000""")
                .param("orgId", orgId).param("chainId", chainId).query(this::map).list();
    }

    /** Episodes started in [from, to), newest first. */
    public List<HistoryEntry> history(UUID orgId, UUID chainId, Instant from, Instant to) {
        return jdbc.sql("""
                select h.*, extract(epoch from h.acknowledged_at - h.started_at) as tta,
                       extract(epoch from h.resolved_at - h.started_at) as ttr
                  from alert.alert_history h
                 where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and (cast(:chainId as uuid) is null or chain_id = cast(:chainId as uuid))
                   and started_at >= :from and started_at < :to
                 order by started_at desc, fingerprint
                 limit 1000""")
                .param("orgId", orgId).param("chainId", chainId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new HistoryEntry(rs.getString("fingerprint"), rs.getObject("rule_id", UUID.class),
                        rs.getString("rule_type"), rs.getString("severity"), rs.getObject("org_id", UUID.class),
                        rs.getString("org_name"), rs.getObject("chain_id", UUID.class), rs.getString("chain_name"),
                        rs.getObject("node_id", UUID.class), rs.getString("node_name"),
                        rs.getTimestamp("started_at").toInstant(),
                        instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "resolved_at"),
                        number(rs, "tta"), number(rs, "ttr"),
                        rs.getString("summary")))
                .list();
    }

    /**
     * MTTA / MTTR over episodes started in [from, to): one row per chain of the organization (or of every
     * organization) and one per organization with {@code chainId} null.
     */
    public List<ResponseStats> stats(UUID orgId, Instant from, Instant to) {
        return jdbc.sql("""
                select org_id, max(org_name) as org_name, chain_id,
                       case when grouping(chain_id) = 0 then max(chain_name) end as chain_name, count(*) as alerts,
                       count(acknowledged_at) as acked, count(resolved_at) as resolved,
                       avg(extract(epoch from acknowledged_at - started_at)) as mtta,
                       avg(extract(epoch from resolved_at - started_at)) as mttr
                  from alert.alert_history
                 where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and started_at >= :from and started_at < :to
                 group by grouping sets ((org_id, chain_id), (org_id))
                 order by org_id, chain_id nulls first""")
                .param("orgId", orgId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new ResponseStats(rs.getObject("org_id", UUID.class), rs.getString("org_name"),
                        rs.getObject("chain_id", UUID.class), rs.getString("chain_name"), rs.getLong("alerts"),
                        rs.getLong("acked"), rs.getLong("resolved"), number(rs, "mtta"), number(rs, "mttr")))
                .list();
    }

    /** Open alerts per (severity, org name, chain id, chain name), for the firing gauge. */
    public List<Object[]> openCounts() {
        return jdbc.sql("""
                select severity, coalesce(max(org_name), cast(org_id as text)), chain_id,
                       coalesce(max(chain_name), cast(chain_id as text)), count(*)
                  from alert.alert where status in ('FIRING', 'ACKNOWLEDGED')
                 group by severity, org_id, chain_id""")
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getLong(5)})
                .list();
    }

    /** Sets whether the current firing of an alert was announced (false: silenced or inhibited). */
    public void notified(String fingerprint, Instant startedAt, boolean notified) {
        jdbc.sql("""
                update alert.alert set notified = :notified,
                       last_notified_at = case when :notified then now() else last_notified_at end
                 where fingerprint = :fp and started_at = :startedAt""")
                .param("fp", fingerprint).param("startedAt", Timestamp.from(startedAt)).param("notified", notified)
                .update();
    }

    /** Whether the episode of the alert that started at {@code startedAt} was announced. */
    public boolean wasNotified(String fingerprint, Instant startedAt) {
        return jdbc.sql("select notified from alert.alert where fingerprint = :fp and started_at = :startedAt")
                .param("fp", fingerprint).param("startedAt", Timestamp.from(startedAt))
                .query(Boolean.class).optional().orElse(false);
    }

    /** Whether any alert of the rule is open (firing or acknowledged) on the chain. */
    public boolean anyOpen(UUID ruleId, UUID chainId) {
        return jdbc.sql("""
                select exists(select 1 from alert.alert where rule_id = :rule
                   and chain_id = :chain and status in ('FIRING', 'ACKNOWLEDGED'))""")
                .param("rule", ruleId).param("chain", chainId).query(Boolean.class).single();
    }

    /** Whether a node_unreachable alert is open on the chain (and node, when given). */
    public boolean openOf(String ruleType, UUID chainId, UUID nodeId) {
        return jdbc.sql("""
                select count(*) from alert.alert
                 where rule_type = :type and status in ('FIRING', 'ACKNOWLEDGED') and chain_id = :chain
                   and (cast(:node as uuid) is null or node_id = cast(:node as uuid))""")
                .param("type", ruleType).param("chain", chainId).param("node", nodeId).query(Long.class).single() > 0;
    }

    /** A firing (not acknowledged) alert as the notification sweep needs it. */
    public record Open(String fingerprint, UUID ruleId, Instant startedAt, boolean notified, Instant lastNotifiedAt,
                       int escalationLevel, Instant now) {
    }

    /** Firing, unacknowledged alerts (for repeat, escalation and announcing after a silence). */
    public List<Open> firingUnacknowledged() {
        return jdbc.sql("""
                select fingerprint, rule_id, started_at, notified, last_notified_at, escalation_level, now() as now
                  from alert.alert where status = 'FIRING' order by started_at limit 5000""")
                .query((rs, i) -> new Open(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(4), instant(rs, 5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Moves a firing alert to an escalation level; false when it is no longer firing at a lower level. */
    public boolean escalate(String fingerprint, Instant startedAt, int level) {
        return jdbc.sql("""
                update alert.alert set escalation_level = :level
                 where fingerprint = :fp and started_at = :startedAt and status = 'FIRING' and escalation_level < :level""")
                .param("fp", fingerprint).param("startedAt", Timestamp.from(startedAt)).param("level", level)
                .update() > 0;
    }

    /** Marks a repeat as due, so it is queued once; false when the alert changed meanwhile. */
    public boolean claimRepeat(String fingerprint, Instant startedAt, Instant lastNotifiedAt) {
        return jdbc.sql("""
                update alert.alert set last_notified_at = now()
                 where fingerprint = :fp and started_at = :startedAt and status = 'FIRING'
                   and last_notified_at is not distinct from :last""")
                .param("fp", fingerprint).param("startedAt", Timestamp.from(startedAt))
                .param("last", lastNotifiedAt == null ? null : Timestamp.from(lastNotifiedAt))
                .update() > 0;
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        java.math.BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.doubleValue();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    AlertView map(ResultSet rs, int row) throws SQLException {
        return new AlertView(rs.getString("fingerprint"), rs.getObject("rule_id", UUID.class),
                rs.getString("rule_type"), rs.getString("severity"), rs.getObject("org_id", UUID.class),
                rs.getObject("chain_id", UUID.class), rs.getObject("node_id", UUID.class),
                AlertStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                instant(rs, "resolved_at"), rs.getString("summary"), rs.getTimestamp("updated_at").toInstant(),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("org_name"),
                rs.getString("chain_name"), rs.getString("node_name"));
    }
}
