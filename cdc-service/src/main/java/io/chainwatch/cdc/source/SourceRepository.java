package io.chainwatch.cdc.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Sources in the {@code cdc.source} table. */
@Repository
public class SourceRepository {

    private static final TypeReference<Map<String, String>> METRICS = new TypeReference<>() { };
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public SourceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(CdcSource s) {
        jdbc.sql("""
                INSERT INTO cdc.source (id, org_id, chain_id, name, jdbc_url, username, password_cipher,
                                    password_fingerprint, schema_name, table_name, metrics, tags, enabled, created_at)
                VALUES (:id, :org, :chain, :name, :url, :user, :cipher, :fp, :schema, :table,
                        CAST(:metrics AS jsonb), CAST(:tags AS jsonb), :enabled, :created)""")
                .param("id", s.id()).param("org", s.orgId()).param("chain", s.chainId()).param("name", s.name())
                .param("url", s.jdbcUrl()).param("user", s.username()).param("cipher", s.passwordCipher())
                .param("fp", s.passwordFingerprint()).param("schema", s.schema()).param("table", s.table())
                .param("metrics", json.writeValueAsString(s.metrics())).param("tags", json.writeValueAsString(s.tags()))
                .param("enabled", s.enabled()).param("created", java.sql.Timestamp.from(s.createdAt()))
                .update();
    }

    public Optional<CdcSource> find(UUID id) {
        return jdbc.sql("SELECT * FROM cdc.source WHERE id = :id").param("id", id).query(this::map).optional();
    }

    public List<CdcSource> list(UUID orgId) {
        return orgId == null
                ? jdbc.sql("SELECT * FROM cdc.source ORDER BY created_at").query(this::map).list()
                : jdbc.sql("SELECT * FROM cdc.source WHERE org_id = :org ORDER BY created_at").param("org", orgId).query(this::map).list();
    }

    /** The sources to read: enabled, and of an organization that is not deactivated. */
    public List<CdcSource> enabled() {
        return jdbc.sql("""
                SELECT * FROM cdc.source s WHERE enabled AND NOT EXISTS (SELECT 1 FROM cdc.organization_state o
                                                                      WHERE o.org_id = s.org_id AND o.deactivated)
                ORDER BY created_at""").query(this::map).list();
    }

    /** Whether the registry last reported the organization deactivated (unknown: active). */
    public boolean deactivated(UUID orgId) {
        return jdbc.sql("SELECT deactivated FROM cdc.organization_state WHERE org_id = :org").param("org", orgId)
                .query(Boolean.class).optional().orElse(false);
    }

    public boolean nameTaken(UUID orgId, String name) {
        return jdbc.sql("SELECT count(*) FROM cdc.source WHERE org_id = :org AND name = :name")
                .param("org", orgId).param("name", name).query(Long.class).single() > 0;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM cdc.source WHERE id = :id").param("id", id).update() > 0;
    }

    private CdcSource map(ResultSet rs, int row) throws SQLException {
        return new CdcSource(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("chain_id", UUID.class), rs.getString("name"), rs.getString("jdbc_url"),
                rs.getString("username"), rs.getString("password_cipher"), rs.getString("password_fingerprint"),
                rs.getString("schema_name"), rs.getString("table_name"),
                json.readValue(rs.getString("metrics"), METRICS), json.readValue(rs.getString("tags"), TAGS),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
    }
}
