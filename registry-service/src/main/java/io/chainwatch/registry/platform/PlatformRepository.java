package io.chainwatch.registry.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Table {@code registry.platform}. */
@Repository
class PlatformRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlatformRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Platform p) {
        jdbc.sql("""
                        insert into registry.platform (id, org_id, name, base_url, auth_type, token_secret_id,
                            access_key_secret_id, secret_key_secret_id, tls_certificate, tls_key_secret_id,
                            tls_ca_certificate, openapi, template, status, created_at, version)
                        values (:id, :orgId, :name, :baseUrl, :authType, :token, :ak, :sk, :tlsCert, :tlsKey, :tlsCa,
                            :openApi, cast(:template as jsonb), :status, :createdAt, 1)""")
                .param("id", p.id())
                .param("orgId", p.orgId())
                .param("name", p.name())
                .param("baseUrl", p.baseUrl())
                .param("authType", p.authType())
                .param("token", p.tokenSecretId())
                .param("ak", p.accessKeySecretId())
                .param("sk", p.secretKeySecretId())
                .param("tlsCert", p.tlsCertificate())
                .param("tlsKey", p.tlsKeySecretId())
                .param("tlsCa", p.tlsCaCertificate())
                .param("openApi", p.openApi())
                .param("template", json.writeValueAsString(p.template()))
                .param("status", p.status())
                .param("createdAt", OffsetDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC))
                .update();
    }

    Optional<Platform> findById(UUID id) {
        return jdbc.sql("select * from registry.platform where id = :id").param("id", id).query(this::map).optional();
    }

    void setStatus(UUID id, String status, String reason) {
        jdbc.sql("""
                        update registry.platform set status = :status, reason = :reason, updated_at = now(),
                            version = version + 1 where id = :id""")
                .param("id", id).param("status", status).param("reason", reason).update();
    }

    Page<Platform> find(UUID orgId, String status, PageRequest page) {
        Where where = new Where().and("org_id = :orgId", "orgId", orgId).and("status = :status", "status", status);
        return where.page(jdbc, "*", "from registry.platform", "created_at, id", page, this::map);
    }

    private Platform map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Platform(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("base_url"), rs.getString("auth_type"), rs.getObject("token_secret_id", UUID.class),
                rs.getObject("access_key_secret_id", UUID.class), rs.getObject("secret_key_secret_id", UUID.class),
                rs.getString("tls_certificate"), rs.getObject("tls_key_secret_id", UUID.class),
                rs.getString("tls_ca_certificate"), rs.getString("openapi"), json.readValue(rs.getString("template"), MappingTemplate.class),
                rs.getString("status"), rs.getString("reason"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(), rs.getLong("version"));
    }
}
