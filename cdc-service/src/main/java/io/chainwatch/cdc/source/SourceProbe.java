package io.chainwatch.cdc.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.chainwatch.security.UnsafeUrlException;
import io.chainwatch.security.UrlGuard;
import org.springframework.stereotype.Component;

/**
 * Talks to a source database: checks a configuration against the real table (columns exist, metric columns are
 * numeric, logical decoding is on) and creates or drops the publication and replication slot of a source.
 */
@Component
public class SourceProbe {

    /** PostgreSQL types whose values are numbers. */
    static final Set<String> NUMERIC_TYPES = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision");

    private final UrlGuard.Policy policy;

    public SourceProbe(UrlGuard guard) {
        this.policy = guard.policy();
    }

    /**
     * Opens a plain connection to a source (5 s connect timeout). The URL is read again with {@link JdbcUrl} (its
     * parameters would override the ones set here) and the socket checks the address it connects to.
     */
    Connection connect(String jdbcUrl, String username, String password) throws SQLException {
        refuseUnsafe(jdbcUrl);
        Properties props = GuardedSocketFactory.apply(new Properties(), policy);
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "chainwatch-cdc");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /**
     * Problems of a configuration against the live source, by field; empty when it can be read.
     *
     * @throws SQLException when the source cannot be reached
     */
    public Map<String, String> problems(SourceRequest request) throws SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        try (Connection c = connect(request.database().jdbcUrl(), request.database().username(), request.database().password())) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW wal_level")) {
                rs.next();
                if (!"logical".equals(rs.getString(1))) {
                    problems.put("database", "the source database has wal_level=" + rs.getString(1)
                            + "; change-data-capture needs wal_level=logical (postgresql.conf, then a restart)");
                }
            }
            Map<String, String> types = columnTypes(c, request.schema(), request.table());
            if (types.isEmpty()) {
                problems.put("table", "table " + request.schema() + "." + request.table() + " does not exist"
                        + " (or this user cannot see it)");
                return problems;
            }
            request.metrics().keySet().forEach(column -> {
                String type = types.get(column);
                if (type == null) {
                    problems.put("metrics." + column, "column " + column + " does not exist in " + request.table());
                } else if (!NUMERIC_TYPES.contains(type)) {
                    problems.put("metrics." + column, "column " + column + " is " + type
                            + ", not numeric: only " + String.join(", ", NUMERIC_TYPES.stream().sorted().toList())
                            + " columns can become metrics");
                }
            });
            request.tags().forEach(column -> {
                if (!types.containsKey(column)) {
                    problems.put("tags." + column, "column " + column + " does not exist in " + request.table());
                }
            });
        }
        return problems;
    }

    /** Creates the source's publication (its one table) and logical replication slot (pgoutput). */
    public void createReplication(String jdbcUrl, String username, String password, CdcSource source) throws SQLException {
        try (Connection c = connect(jdbcUrl, username, password)) {
            String name = source.replicationName();
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", name)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE PUBLICATION " + name + " FOR TABLE "
                            + quote(source.schema()) + "." + quote(source.table()));
                }
            }
            if (!exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", name)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                    ps.setString(1, name);
                    ps.execute();
                }
            }
        }
    }

    /** Drops the slot and the publication (a slot left behind would keep WAL on the source forever). */
    public void dropReplication(String jdbcUrl, String username, String password, CdcSource source) throws SQLException {
        try (Connection c = connect(jdbcUrl, username, password)) {
            String name = source.replicationName();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                ps.setString(1, name);
                ps.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP PUBLICATION IF EXISTS " + name);
            }
        }
    }

    /** An {@link SQLException} when the URL is not one {@link JdbcUrl} accepts (e.g. stored before the check). */
    public static void refuseUnsafe(String jdbcUrl) throws SQLException {
        try {
            JdbcUrl.parse(jdbcUrl);
        } catch (UnsafeUrlException e) {
            throw new SQLException("refusing to connect: " + e.getMessage());
        }
    }

    private static Map<String, String> columnTypes(Connection c, String schema, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Quotes an identifier that {@link SourceRequest#IDENTIFIER} already restricted to letters, digits and _. */
    static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
