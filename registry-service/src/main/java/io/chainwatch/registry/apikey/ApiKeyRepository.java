package io.chainwatch.registry.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.security.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.api_key}. */
@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey key) {
        jdbc.sql("""
                        insert into registry.api_key (id, org_id, name, role, prefix, key_hash, created_at, created_by,
                            expires_at)
                        values (:id, :orgId, :name, :role, :prefix, :keyHash, :createdAt, :createdBy, :expiresAt)""")
                .param("id", key.id())
                .param("orgId", key.orgId())
                .param("name", key.name())
                .param("role", key.role().name())
                .param("prefix", key.prefix())
                .param("keyHash", key.keyHash())
                .param("createdAt", utc(key.createdAt()))
                .param("createdBy", key.createdBy())
                .param("expiresAt", utc(key.expiresAt()))
                .update();
    }

    boolean prefixTaken(String prefix) {
        return jdbc.sql("select count(*) from registry.api_key where prefix = :prefix").param("prefix", prefix)
                .query(Long.class).single() > 0;
    }

    Optional<ApiKey> findByPrefix(String prefix) {
        return jdbc.sql("select * from registry.api_key where prefix = :prefix").param("prefix", prefix)
                .query(this::map).optional();
    }

    Optional<ApiKey> findInOrg(UUID orgId, UUID id) {
        return jdbc.sql("select * from registry.api_key where id = :id and org_id = :orgId")
                .param("id", id).param("orgId", orgId).query(this::map).optional();
    }

    /** The organization's keys, newest first (an organization has few). */
    List<ApiKey> ofOrg(UUID orgId) {
        return jdbc.sql("select * from registry.api_key where org_id = :orgId order by created_at desc, id")
                .param("orgId", orgId).query(this::map).list();
    }

    /** Sets revoked_at unless already set; whether it was set now. */
    boolean revoke(UUID id, Instant at) {
        return jdbc.sql("update registry.api_key set revoked_at = :at where id = :id and revoked_at is null")
                .param("id", id).param("at", utc(at)).update() == 1;
    }

    /** Records a use, unless one was recorded less than a minute before {@code at}. */
    void touch(UUID id, Instant at) {
        jdbc.sql("""
                        update registry.api_key set last_used_at = :at
                        where id = :id and (last_used_at is null or last_used_at < :at - interval '1 minute')""")
                .param("id", id).param("at", utc(at)).update();
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                rs.getString("prefix"),
                rs.getString("key_hash"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "expires_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
