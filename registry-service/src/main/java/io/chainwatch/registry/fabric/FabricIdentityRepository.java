package io.chainwatch.registry.fabric;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.fabric_identity}. */
@Repository
class FabricIdentityRepository {

    private final JdbcClient jdbc;

    FabricIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(FabricIdentity identity) {
        jdbc.sql("""
                        insert into registry.fabric_identity (org_id, msp_id, certificate_pem, key_secret_id, created_at,
                            version, tls_certificate_pem, tls_key_secret_id)
                        values (:orgId, :mspId, :certificatePem, :keySecretId, :createdAt, 1, :tlsCertificatePem,
                            :tlsKeySecretId)""")
                .param("orgId", identity.orgId())
                .param("mspId", identity.mspId())
                .param("certificatePem", identity.certificatePem())
                .param("keySecretId", identity.keySecretId())
                .param("tlsCertificatePem", identity.tlsCertificatePem())
                .param("tlsKeySecretId", identity.tlsKeySecretId())
                .param("createdAt", utc(identity.createdAt()))
                .update();
    }

    /** Replaces certificates and keys (TLS ones {@code null}: none); bumps the version. */
    void replace(UUID orgId, String mspId, String certificatePem, UUID keySecretId, String tlsCertificatePem,
            UUID tlsKeySecretId, Instant updatedAt) {
        jdbc.sql("""
                        update registry.fabric_identity
                        set certificate_pem = :certificatePem, key_secret_id = :keySecretId, updated_at = :updatedAt,
                            tls_certificate_pem = :tlsCertificatePem, tls_key_secret_id = :tlsKeySecretId,
                            version = version + 1
                        where org_id = :orgId and msp_id = :mspId""")
                .param("orgId", orgId)
                .param("mspId", mspId)
                .param("certificatePem", certificatePem)
                .param("keySecretId", keySecretId)
                .param("tlsCertificatePem", tlsCertificatePem)
                .param("tlsKeySecretId", tlsKeySecretId)
                .param("updatedAt", utc(updatedAt))
                .update();
    }

    Optional<FabricIdentity> find(UUID orgId, String mspId, boolean lock) {
        return jdbc.sql("select * from registry.fabric_identity where org_id = :orgId and msp_id = :mspId"
                        + (lock ? " for update" : ""))
                .param("orgId", orgId)
                .param("mspId", mspId)
                .query(FabricIdentityRepository::map)
                .optional();
    }

    List<FabricIdentity> ofOrganization(UUID orgId) {
        return jdbc.sql("select * from registry.fabric_identity where org_id = :orgId order by msp_id")
                .param("orgId", orgId)
                .query(FabricIdentityRepository::map)
                .list();
    }

    void delete(UUID orgId, String mspId) {
        jdbc.sql("delete from registry.fabric_identity where org_id = :orgId and msp_id = :mspId")
                .param("orgId", orgId).param("mspId", mspId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static FabricIdentity map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new FabricIdentity(rs.getObject("org_id", UUID.class), rs.getString("msp_id"),
                rs.getString("certificate_pem"), rs.getObject("key_secret_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(), rs.getLong("version"),
                rs.getString("tls_certificate_pem"), rs.getObject("tls_key_secret_id", UUID.class));
    }
}
