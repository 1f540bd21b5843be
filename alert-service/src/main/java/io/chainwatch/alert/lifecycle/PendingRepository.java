package io.chainwatch.alert.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Table {@code alert.pending_condition}: conditions holding but not yet for their rule's forSeconds. Besides
 * surviving a restart or a takeover, a row is what the alert API shows as a {@link io.chainwatch.alert.lifecycle.AlertStatus#PENDING} alert
 * (view {@code alert.alert_view}).
 */
@Repository
public class PendingRepository {

    private final JdbcClient jdbc;

    public PendingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A pending condition to store, with what the alert API shows of it ({@code ruleId} ... {@code summary} may be
     * null when the rule is no longer known).
     */
    public record Row(String fingerprint, UUID chainId, UUID nodeId, long sinceMs, UUID ruleId, UUID orgId,
                      String ruleType, String severity, String orgName, String chainName, String nodeName,
                      String summary) {

        public Row(String fingerprint, UUID chainId, UUID nodeId, long sinceMs) {
            this(fingerprint, chainId, nodeId, sinceMs, null, null, null, null, null, null, null, null);
        }
    }

    /** A stored pending condition: since when, on which chain and node, of which rule (null in old rows). */
    public record Stored(String fingerprint, UUID chainId, UUID nodeId, long sinceMs, UUID ruleId) {
    }

    /** Writes new or changed rows and deletes ended ones, in one transaction. */
    @Transactional
    public void apply(Collection<Row> upserts, Collection<String> deletes) {
        for (Row r : upserts) {
            jdbc.sql("""
                    insert into alert.pending_condition (fingerprint, chain_id, node_id, since, updated_at, rule_id,
                           org_id, rule_type, severity, org_name, chain_name, node_name, summary)
                    values (:fp, :chain, :node, :since, now(), :ruleId, :orgId, :ruleType, :severity, :orgName,
                            :chainName, :nodeName, :summary)
                    on conflict (fingerprint) do update set since = excluded.since, chain_id = excluded.chain_id,
                           node_id = excluded.node_id, updated_at = now(),
                           rule_id = coalesce(excluded.rule_id, pending_condition.rule_id),
                           org_id = coalesce(excluded.org_id, pending_condition.org_id),
                           rule_type = coalesce(excluded.rule_type, pending_condition.rule_type),
                           severity = coalesce(excluded.severity, pending_condition.severity),
                           org_name = coalesce(excluded.org_name, pending_condition.org_name),
                           chain_name = coalesce(excluded.chain_name, pending_condition.chain_name),
                           node_name = coalesce(excluded.node_name, pending_condition.node_name),
                           summary = coalesce(excluded.summary, pending_condition.summary)""")
                    .param("fp", r.fingerprint()).param("chain", r.chainId()).param("node", r.nodeId())
                    .param("since", Timestamp.from(Instant.ofEpochMilli(r.sinceMs())))
                    .param("ruleId", r.ruleId()).param("orgId", r.orgId()).param("ruleType", r.ruleType())
                    .param("severity", r.severity()).param("orgName", r.orgName()).param("chainName", r.chainName())
                    .param("nodeName", r.nodeName()).param("summary", r.summary())
                    .update();
        }
        if (!deletes.isEmpty()) {
            jdbc.sql("delete from alert.pending_condition where fingerprint in (:fps)").param("fps", deletes).update();
        }
    }

    /** Every stored pending condition: fingerprint → since (epoch ms). */
    public Map<String, Long> load() {
        Map<String, Long> out = new HashMap<>();
        for (Stored s : loadRows()) {
            out.put(s.fingerprint(), s.sinceMs());
        }
        return out;
    }

    /** Every stored pending condition with its chain, node and rule. */
    public List<Stored> loadRows() {
        return jdbc.sql("select fingerprint, chain_id, node_id, since, rule_id from alert.pending_condition")
                .query((rs, i) -> new Stored(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).getTime(), rs.getObject(5, UUID.class)))
                .list();
    }

    /** Forgets the pending conditions of a rule (it is deleted). */
    public int deleteByRule(UUID ruleId) {
        return jdbc.sql("delete from alert.pending_condition where rule_id = :ruleId").param("ruleId", ruleId).update();
    }
}
