package io.chainwatch.registry.nodeops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code registry.node_auto_restart} and {@code registry.node_operation}. */
@Repository
class NodeOperationsRepository {

    private final JdbcClient jdbc;

    NodeOperationsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void putPolicy(UUID nodeId, AutoRestartPolicy policy) {
        jdbc.sql("""
                        insert into registry.node_auto_restart (node_id, enabled, after_seconds, max_per_hour, updated_at)
                        values (:node, :enabled, :after, :max, now())
                        on conflict (node_id) do update set enabled = excluded.enabled,
                            after_seconds = excluded.after_seconds, max_per_hour = excluded.max_per_hour,
                            updated_at = now()""")
                .param("node", nodeId).param("enabled", policy.enabled()).param("after", policy.afterSeconds())
                .param("max", policy.maxPerHour()).update();
    }

    Optional<AutoRestartPolicy> policy(UUID nodeId) {
        return jdbc.sql("select * from registry.node_auto_restart where node_id = :node").param("node", nodeId)
                .query((rs, row) -> new AutoRestartPolicy(rs.getBoolean("enabled"), rs.getInt("after_seconds"),
                        rs.getInt("max_per_hour"))).optional();
    }

    /** Enabled policies of monitored (not retired) nodes, by node. */
    Map<UUID, AutoRestartPolicy> enabledPolicies() {
        return jdbc.sql("""
                        select p.* from registry.node_auto_restart p join registry.node n on n.id = p.node_id
                        where p.enabled and n.retired_at is null""")
                .query((rs, row) -> Map.entry(rs.getObject("node_id", UUID.class), new AutoRestartPolicy(true,
                        rs.getInt("after_seconds"), rs.getInt("max_per_hour")))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    NodeOperationRecord record(UUID nodeId, String operation, boolean automatic, String outcome, String detail) {
        return jdbc.sql("""
                        insert into registry.node_operation (node_id, operation, automatic, outcome, detail, at)
                        values (:node, :op, :auto, :outcome, :detail, now())
                        returning *""")
                .param("node", nodeId).param("op", operation).param("auto", automatic).param("outcome", outcome)
                .param("detail", detail).query(this::map).single();
    }

    /** Automatic restarts (done or failed) of the node since {@code since}. */
    long automaticRestartsSince(UUID nodeId, Instant since) {
        return jdbc.sql("""
                        select count(*) from registry.node_operation where node_id = :node and automatic
                        and operation = 'restart' and outcome in ('DONE', 'FAILED') and at >= :since""")
                .param("node", nodeId).param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(Long.class).single();
    }

    List<NodeOperationRecord> history(UUID nodeId) {
        return jdbc.sql("select * from registry.node_operation where node_id = :node order by at desc, id desc limit 100")
                .param("node", nodeId).query(this::map).list();
    }

    private NodeOperationRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new NodeOperationRecord(rs.getLong("id"), rs.getObject("node_id", UUID.class),
                rs.getString("operation"), rs.getBoolean("automatic"), rs.getString("outcome"), rs.getString("detail"),
                rs.getObject("at", OffsetDateTime.class).toInstant());
    }
}
