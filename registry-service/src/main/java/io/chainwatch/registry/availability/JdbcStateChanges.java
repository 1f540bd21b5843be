package io.chainwatch.registry.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
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
        // the state at `from`: per node its last change before, one index probe each (not its whole history)
        return jdbc.sql("""
                        select s.* from registry.node n cross join lateral (
                            select id, node_id, chain_id, org_id, from_state, to_state, changed_at, reason
                            from registry.node_state_change
                            where node_id = n.id and changed_at <= :from
                            order by changed_at desc, id desc limit 1) s
                        where n.id in (:nodes)
                        union all
                        select id, node_id, chain_id, org_id, from_state, to_state, changed_at, reason
                        from registry.node_state_change
                        where node_id in (:nodes) and changed_at > :from and changed_at < :to
                        order by node_id, changed_at, id""")
                .param("nodes", nodes)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query(JdbcStateChanges::map)
                .list();
    }

    /**
     * Like {@link #forPeriod} for every monitored (not retired) node at once, each change with the node's current
     * chain: one query for the gauges.
     */
    public List<StateChange> forMonitoredNodes(Instant from, Instant to) {
        return jdbc.sql("""
                        with monitored as (select id, chain_id from registry.node where retired_at is null)
                        select s.id, s.node_id, m.chain_id, s.org_id, s.from_state, s.to_state, s.changed_at, s.reason
                        from monitored m cross join lateral (
                            select * from registry.node_state_change
                            where node_id = m.id and changed_at <= :from
                            order by changed_at desc, id desc limit 1) s
                        union all
                        select s.id, s.node_id, m.chain_id, s.org_id, s.from_state, s.to_state, s.changed_at, s.reason
                        from registry.node_state_change s join monitored m on m.id = s.node_id
                        where s.changed_at > :from and s.changed_at < :to
                        order by node_id, changed_at, id""")
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query(JdbcStateChanges::map)
                .list();
    }

    private static StateChange map(ResultSet rs, int row) throws SQLException {
        return new StateChange(rs.getObject("node_id", UUID.class), rs.getObject("chain_id", UUID.class),
                rs.getObject("org_id", UUID.class), upper(rs.getString("from_state")), upper(rs.getString("to_state")),
                rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("reason"));
    }

    private static String upper(String state) {
        return state == null ? null : state.toUpperCase(Locale.ROOT);
    }
}
