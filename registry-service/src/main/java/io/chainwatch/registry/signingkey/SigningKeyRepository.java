package io.chainwatch.registry.signingkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.signing_key}; reads {@code registry.contract} only to count the contracts using a key. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SigningKey key) {
        jdbc.sql("""
                        insert into registry.signing_key (id, org_id, name, address, key_secret_id, origin, created_at)
                        values (:id, :orgId, :name, :address, :secret, :origin, :createdAt)""")
                .param("id", key.id()).param("orgId", key.orgId()).param("name", key.name())
                .param("address", key.address()).param("secret", key.keySecretId())
                .param("origin", key.origin().name())
                .param("createdAt", OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /** The key of the organization; {@code lock}: row-locked until the transaction ends. */
    Optional<SigningKey> find(UUID orgId, UUID id, boolean lock) {
        return jdbc.sql("select * from registry.signing_key where id = :id and org_id = :orgId"
                        + (lock ? " for update" : ""))
                .param("id", id).param("orgId", orgId).query(this::map).optional();
    }

    List<SigningKey> ofOrganization(UUID orgId) {
        return jdbc.sql("select * from registry.signing_key where org_id = :orgId order by created_at, id")
                .param("orgId", orgId).query(this::map).list();
    }

    boolean nameTaken(UUID orgId, String name) {
        return jdbc.sql("select count(*) from registry.signing_key where org_id = :orgId and name = :name")
                .param("orgId", orgId).param("name", name).query(Long.class).single() > 0;
    }

    Optional<SigningKey> findByAddress(UUID orgId, String address) {
        return jdbc.sql("select * from registry.signing_key where org_id = :orgId and address = :address")
                .param("orgId", orgId).param("address", address).query(this::map).optional();
    }

    long liveContracts(UUID id) {
        return jdbc.sql("select count(*) from registry.contract where signing_key_id = :id and terminated_at is null")
                .param("id", id).query(Long.class).single();
    }

    void delete(UUID id) {
        jdbc.sql("delete from registry.signing_key where id = :id").param("id", id).update();
    }

    private SigningKey map(ResultSet rs, int row) throws SQLException {
        return new SigningKey(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getString("name"), rs.getString("address"), rs.getObject("key_secret_id", UUID.class),
                SigningKey.Origin.valueOf(rs.getString("origin")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
