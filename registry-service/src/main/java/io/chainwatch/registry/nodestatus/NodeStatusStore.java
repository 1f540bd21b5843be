package io.chainwatch.registry.nodestatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tables {@code registry.node_status} (latest, one row per node) and {@code registry.node_state_change} (append-only). */
@Repository
class NodeStatusStore {

    /** A node's latest status. */
    record Status(UUID nodeId, UUID chainId, UUID orgId, NodeState state, Instant since, String lastError,
            Instant lastErrorAt, Instant polledAt, String outcome, Map<String, Double> readings,
            Map<String, String> info, List<String> unsupported) {
    }

    /** One change of a node's state; {@code from} is null for its first. */
    record Change(UUID nodeId, UUID chainId, UUID orgId, NodeState from, NodeState to, Instant at, String reason) {
    }

    /** A node without a sample for too long. */
    record Overdue(Status status, long pollIntervalMs) {
    }

    private static final String COLUMNS = "node_id, chain_id, org_id, state, since, last_error, last_error_at, polled_at,"
            + " outcome, readings, info, unsupported";

    private static final TypeReference<Map<String, Double>> READINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> INFO = new TypeReference<>() { };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    NodeStatusStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** The statuses of these nodes, locked until the transaction ends (the sweep skips them meanwhile). */
    Map<UUID, Status> lock(Collection<UUID> nodeIds) {
        Map<UUID, Status> byNode = new HashMap<>();
        if (nodeIds.isEmpty()) {
            return byNode;
        }
        jdbc.sql("select " + COLUMNS + " from registry.node_status where node_id in (:ids) order by node_id for update")
                .param("ids", nodeIds)
                .query(this::map)
                .list()
                .forEach(s -> byNode.put(s.nodeId(), s));
        return byNode;
    }

    Optional<Status> find(UUID nodeId) {
        return jdbc.sql("select " + COLUMNS + " from registry.node_status where node_id = :id")
                .param("id", nodeId)
                .query(this::map)
                .optional();
    }

    /** The statuses of a chain's nodes, by node id. */
    Map<UUID, Status> ofChain(UUID chainId) {
        Map<UUID, Status> byNode = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from registry.node_status where chain_id = :chain")
                .param("chain", chainId)
                .query(this::map)
                .list()
                .forEach(s -> byNode.put(s.nodeId(), s));
        return byNode;
    }

    /**
     * Nodes (still registered) whose latest sample is older than three poll intervals, plus {@code graceMs} for a
     * node that is not up (a collector backs off from a failing node), and not yet {@code no_data}; locked, skipping
     * rows another transaction holds.
     */
    List<Overdue> lockOverdue(Instant now, long graceMs) {
        return jdbc.sql("select s.node_id, s.chain_id, s.org_id, s.state, s.since, s.last_error, s.last_error_at,"
                        + " s.polled_at, s.outcome, s.readings, s.info, s.unsupported, n.poll_interval_ms"
                        + " from registry.node_status s join registry.node n on n.id = s.node_id"
                        + " where s.state <> 'no_data'"
                        + " and s.polled_at < cast(:now as timestamptz) - (3 * n.poll_interval_ms"
                        + "   + case when s.state = 'up' then 0 else :grace end) * interval '1 millisecond'"
                        + " for update of s skip locked")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("grace", graceMs)
                .query((rs, n) -> new Overdue(map(rs, n), rs.getLong("poll_interval_ms")))
                .list();
    }

    /** Appends state changes (one statement, batched). */
    void append(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        template.batchUpdate("insert into registry.node_state_change (node_id, chain_id, org_id, from_state, to_state,"
                + " changed_at, reason) values (?, ?, ?, ?, ?, ?, ?)", changes, changes.size(), (ps, c) -> {
                    ps.setObject(1, c.nodeId());
                    ps.setObject(2, c.chainId());
                    ps.setObject(3, c.orgId());
                    ps.setString(4, c.from() == null ? null : c.from().text());
                    ps.setString(5, c.to().text());
                    ps.setTimestamp(6, Timestamp.from(c.at()));
                    ps.setString(7, c.reason());
                });
    }

    /** Inserts or replaces the latest status of each node (one statement, batched). */
    void upsert(Collection<Status> statuses) {
        if (statuses.isEmpty()) {
            return;
        }
        List<Status> rows = new ArrayList<>(statuses);
        template.batchUpdate("insert into registry.node_status (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " cast(? as jsonb), cast(? as jsonb), cast(? as jsonb)) on conflict (node_id) do update set"
                + " chain_id = excluded.chain_id, org_id = excluded.org_id, state = excluded.state,"
                + " since = excluded.since, last_error = excluded.last_error, last_error_at = excluded.last_error_at,"
                + " polled_at = excluded.polled_at, outcome = excluded.outcome, readings = excluded.readings,"
                + " info = excluded.info, unsupported = excluded.unsupported", rows, rows.size(), (ps, s) -> {
                    ps.setObject(1, s.nodeId());
                    ps.setObject(2, s.chainId());
                    ps.setObject(3, s.orgId());
                    ps.setString(4, s.state().text());
                    ps.setTimestamp(5, Timestamp.from(s.since()));
                    ps.setString(6, s.lastError());
                    ps.setTimestamp(7, s.lastErrorAt() == null ? null : Timestamp.from(s.lastErrorAt()));
                    ps.setTimestamp(8, Timestamp.from(s.polledAt()));
                    ps.setString(9, s.outcome());
                    ps.setString(10, json.writeValueAsString(s.readings()));
                    ps.setString(11, json.writeValueAsString(s.info()));
                    ps.setString(12, json.writeValueAsString(s.unsupported()));
                });
    }

    private Status map(ResultSet rs, int row) throws SQLException {
        Timestamp lastErrorAt = rs.getTimestamp("last_error_at");
        return new Status(
                rs.getObject("node_id", UUID.class),
                rs.getObject("chain_id", UUID.class),
                rs.getObject("org_id", UUID.class),
                NodeState.parse(rs.getString("state")),
                rs.getTimestamp("since").toInstant(),
                rs.getString("last_error"),
                lastErrorAt == null ? null : lastErrorAt.toInstant(),
                rs.getTimestamp("polled_at").toInstant(),
                rs.getString("outcome"),
                json.readValue(rs.getString("readings"), READINGS),
                json.readValue(rs.getString("info"), INFO),
                json.readValue(rs.getString("unsupported"), NAMES));
    }
}
