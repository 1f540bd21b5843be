package io.chainwatch.alert.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Alert rows in table {@code alert.alert}. Every status change is conditional on the current status. */
@Repository
public class AlertRepository {

    private final JdbcClient jdbc;

    public AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens (or re-opens) the alert. Returns false when it is already firing, so a transition that another
     * instance or an earlier run already recorded is not recorded twice.
     */
    public boolean fire(String fingerprint, UUID ruleId, String ruleType, String severity, UUID orgId, UUID chainId,
                        String nodeId, Instant startedAt, String summary) {
        return jdbc.sql("""
                insert into alert.alert (fingerprint, rule_id, rule_type, severity, org_id, chain_id, node_id, status,
                                         started_at, resolved_at, summary, updated_at)
                values (:fp, :ruleId, :ruleType, :severity, :orgId, :chainId, :nodeId, 'FIRING', :startedAt, null,
                        :summary, now())
                on conflict (fingerprint) do update
                   set status = 'FIRING', started_at = excluded.started_at, resolved_at = null,
                       summary = excluded.summary, updated_at = now()
                 where alert.status = 'RESOLVED'""")
                .param("fp", fingerprint).param("ruleId", ruleId).param("ruleType", ruleType)
                .param("severity", severity).param("orgId", orgId).param("chainId", chainId)
                .param("nodeId", nodeId).param("startedAt", Timestamp.from(startedAt)).param("summary", summary)
                .update() > 0;
    }

    /** Resolves a firing alert; returns its start time, or empty when it was not firing. */
    public Optional<Instant> resolve(String fingerprint, Instant resolvedAt, String summary) {
        return jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = :at, summary = :summary, updated_at = now()
                 where fingerprint = :fp and status = 'FIRING'
                returning started_at""")
                .param("fp", fingerprint).param("at", Timestamp.from(resolvedAt)).param("summary", summary)
                .query((rs, i) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** Resolves firing alerts without any notification; returns how many were closed. */
    public int closeQuietly(List<String> fingerprints, String reason) {
        if (fingerprints.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = now(), updated_at = now(),
                       summary = summary || ' (closed: ' || :reason || ')'
                 where fingerprint in (:fps) and status = 'FIRING'""")
                .param("fps", fingerprints).param("reason", reason).update();
    }

    /** Resolves the firing alerts of a rule without notification. */
    public int closeQuietlyByRule(UUID ruleId, String reason) {
        return jdbc.sql("""
                update alert.alert set status = 'RESOLVED', resolved_at = now(), updated_at = now(),
                       summary = summary || ' (closed: ' || :reason || ')'
                 where rule_id = :ruleId and status = 'FIRING'""")
                .param("ruleId", ruleId).param("reason", reason).update();
    }

    public List<FiringAlert> firing() {
        return jdbc.sql("select fingerprint, rule_id, chain_id, node_id, started_at from alert.alert where status = 'FIRING'")
                .query((rs, i) -> new FiringAlert(rs.getString("fingerprint"), rs.getObject("rule_id", UUID.class),
                        rs.getObject("chain_id", UUID.class).toString(),
                        rs.getString("node_id"),
                        rs.getTimestamp("started_at").toInstant()))
                .list();
    }

    /** Alerts, newest change first, optionally of one organization and/or status. */
    public List<AlertView> list(UUID orgId, AlertStatus status) {
        return jdbc.sql("""
                select * from alert.alert
                 where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and (cast(:status as text) is null or status = cast(:status as text))
                 order by updated_at desc, fingerprint
                 limit 1000""")
                .param("orgId", orgId).param("status", status == null ? null : status.name())
                .query(this::map).list();
    }

    private AlertView map(ResultSet rs, int row) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new AlertView(rs.getString("fingerprint"), rs.getObject("rule_id", UUID.class),
                rs.getString("rule_type"), rs.getString("severity"), rs.getObject("org_id", UUID.class),
                rs.getObject("chain_id", UUID.class), rs.getString("node_id"),
                AlertStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                resolved == null ? null : resolved.toInstant(), rs.getString("summary"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
