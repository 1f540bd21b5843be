package io.chainwatch.registry.secret;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.secret}. */
@Repository
class SecretRepository {

    /** One stored secret. */
    record Row(UUID id, UUID orgId, String purpose, String keyId, byte[] ciphertext, String fingerprint) {
    }

    private final JdbcClient jdbc;

    SecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row row, Instant createdAt) {
        jdbc.sql("""
                        insert into registry.secret (id, org_id, purpose, key_id, ciphertext, fingerprint, created_at)
                        values (:id, :orgId, :purpose, :keyId, :ciphertext, :fingerprint, :createdAt)""")
                .param("id", row.id())
                .param("orgId", row.orgId())
                .param("purpose", row.purpose())
                .param("keyId", row.keyId())
                .param("ciphertext", row.ciphertext())
                .param("fingerprint", row.fingerprint())
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    Optional<Row> findById(UUID id) {
        return jdbc.sql("select * from registry.secret where id = :id").param("id", id).query(SecretRepository::map)
                .optional();
    }

    /** Rows under another key than {@code activeKeyId}, locked; rows another rotation holds are skipped. */
    List<Row> lockNotUnder(String activeKeyId, int limit) {
        return jdbc.sql("""
                        select * from registry.secret where key_id <> :keyId
                        order by id limit :limit for update skip locked""")
                .param("keyId", activeKeyId)
                .param("limit", limit)
                .query(SecretRepository::map)
                .list();
    }

    /** Rows whose fingerprint is still the unkeyed {@code sha256:} form, locked; others' are skipped. */
    List<Row> lockUnkeyedFingerprints(int limit) {
        return jdbc.sql("""
                        select * from registry.secret where fingerprint like 'sha256:%'
                        order by id limit :limit for update skip locked""")
                .param("limit", limit)
                .query(SecretRepository::map)
                .list();
    }

    void setFingerprint(UUID id, String fingerprint) {
        jdbc.sql("update registry.secret set fingerprint = :fingerprint where id = :id")
                .param("id", id).param("fingerprint", fingerprint).update();
    }

    void rewrap(UUID id, String keyId, byte[] ciphertext) {
        jdbc.sql("update registry.secret set key_id = :keyId, ciphertext = :ciphertext, rotated_at = now() where id = :id")
                .param("id", id).param("keyId", keyId).param("ciphertext", ciphertext).update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from registry.secret where id = :id").param("id", id).update();
    }

    private static Row map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("purpose"),
                rs.getString("key_id"), rs.getBytes("ciphertext"), rs.getString("fingerprint"));
    }
}
