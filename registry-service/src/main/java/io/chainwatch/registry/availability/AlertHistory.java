package io.chainwatch.registry.availability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alert service's history of nodes, as the registry stores it: the transitions it publishes on
 * {@code chainwatch.audit} land in {@code registry.audit_log} (service {@code alert}, action {@code alert.firing} /
 * {@code alert.resolved}, resource id the alert's fingerprint, {@code details.nodeId}, {@code details.ruleType}).
 * Read here to name the alerts of an outage.
 */
@Repository
class AlertHistory {

    /**
     * One firing of an alert of a node: from {@code firedAt} to {@code resolvedAt} ({@code null}: not resolved before
     * the end of the period asked for).
     */
    record Firing(UUID nodeId, String fingerprint, String ruleType, Instant firedAt, Instant resolvedAt) {

        boolean overlaps(Instant start, Instant end) {
            return firedAt.isBefore(end) && (resolvedAt == null || resolvedAt.isAfter(start));
        }
    }

    private final JdbcClient jdbc;

    AlertHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The firings of alerts of {@code nodes} that began before {@code to}, oldest first. */
    List<Firing> before(List<UUID> nodes, Instant to) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        record Row(String fingerprint, String action, Instant at, UUID nodeId, String ruleType) {
        }
        List<Row> rows = jdbc.sql("""
                        select resource_id, action, at, details ->> 'nodeId' as node_id, details ->> 'ruleType' as rule_type
                        from registry.audit_log
                        where service = 'alert' and action in ('alert.firing', 'alert.resolved')
                          and details ->> 'nodeId' in (:nodes) and at < :to
                        order by at, id""")
                .param("nodes", nodes.stream().map(UUID::toString).toList())
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, n) -> new Row(rs.getString("resource_id"), rs.getString("action"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), UUID.fromString(rs.getString("node_id")),
                        rs.getString("rule_type")))
                .list();
        List<Firing> firings = new ArrayList<>();
        Map<String, Row> open = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.action().equals("alert.firing")) {
                open.putIfAbsent(row.fingerprint(), row);
            } else {
                Row fired = open.remove(row.fingerprint());
                if (fired != null) {
                    firings.add(new Firing(fired.nodeId(), fired.fingerprint(), fired.ruleType(), fired.at(), row.at()));
                }
            }
        }
        open.values().forEach(f -> firings.add(new Firing(f.nodeId(), f.fingerprint(), f.ruleType(), f.at(), null)));
        firings.sort(java.util.Comparator.comparing(Firing::firedAt));
        return firings;
    }
}
