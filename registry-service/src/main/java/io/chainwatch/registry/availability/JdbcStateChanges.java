package io.chainwatch.registry.availability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link StateChanges} from the table {@code registry.node_state_change}. States are written in lower case there
 * ({@code up}, {@code erroring} …); they are read in upper case, as {@link Availability} names them.
 */
@Repository
class JdbcStateChanges implements StateChanges {

    private final JdbcClient jdbc;

    JdbcStateChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StateChange> forPeriod(List<UUID> nodes, Instant from, Instant to) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from (
                            select distinct on (node_id) id, node_id, chain_id, org_id, from_state, to_state,
                                   changed_at, reason
                            from registry.node_state_change
                            where node_id in (:nodes) and changed_at <= :from
                            order by node_id, changed_at desc, id desc) s
                        union all
                        select id, node_id, chain_id, org_id, from_state, to_state, changed_at, reason
                        from registry.node_state_change
                        where node_id in (:nodes) and changed_at > :from and changed_at < :to
                        order by node_id, changed_at, id""")
                .param("nodes", nodes)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, n) -> new StateChange(rs.getObject("node_id", UUID.class),
                        rs.getObject("chain_id", UUID.class), rs.getObject("org_id", UUID.class),
                        upper(rs.getString("from_state")), upper(rs.getString("to_state")),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("reason")))
                .list();
    }

    /**
     * Like {@link #forPeriod} for every monitored (not retired) node at once, each change with the node's current
     * chain: one query for the gauges.
     */
    public List<StateChange> forMonitoredNodes(Instant from, Instant to) {
        return jdbc.sql("""
                        with monitored as (select id, chain_id from registry.node where retired_at is null)
                        select * from (
                            select distinct on (s.node_id) s.id, s.node_id, m.chain_id, s.org_id, s.from_state,
                                   s.to_state, s.changed_at, s.reason
                            from registry.node_state_change s join monitored m on m.id = s.node_id
                            where s.changed_at <= :from
                            order by s.node_id, s.changed_at desc, s.id desc) s
                        union all
                        select s.id, s.node_id, m.chain_id, s.org_id, s.from_state, s.to_state, s.changed_at, s.reason
                        from registry.node_state_change s join monitored m on m.id = s.node_id
                        where s.changed_at > :from and s.changed_at < :to
                        order by node_id, changed_at, id""")
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, n) -> new StateChange(rs.getObject("node_id", UUID.class),
                        rs.getObject("chain_id", UUID.class), rs.getObject("org_id", UUID.class),
                        upper(rs.getString("from_state")), upper(rs.getString("to_state")),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("reason")))
                .list();
    }

    private static String upper(String state) {
        return state == null ? null : state.toUpperCase(Locale.ROOT);
    }
}
