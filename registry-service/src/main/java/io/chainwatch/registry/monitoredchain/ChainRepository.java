package io.chainwatch.registry.monitoredchain;

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

/** Table {@code registry.chain}. */
@Repository
public class ChainRepository {

    private final JdbcClient jdbc;

    ChainRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the chain; a name taken in the organization raises {@link org.springframework.dao.DuplicateKeyException}. */
    public void insert(Chain chain) {
        jdbc.sql("""
                        insert into registry.chain (id, org_id, name, platform, created_at, version)
                        values (:id, :orgId, :name, :platform, :createdAt, :version)""")
                .param("id", chain.id())
                .param("orgId", chain.orgId())
                .param("name", chain.name())
                .param("platform", chain.platform().name())
                .param("createdAt", OffsetDateTime.ofInstant(chain.createdAt(), ZoneOffset.UTC))
                .param("version", chain.version())
                .update();
    }

    /** Deletes the chain row (its nodes must be gone); {@code false} when there was none. */
    public boolean delete(UUID id) {
        return jdbc.sql("delete from registry.chain where id = :id").param("id", id).update() == 1;
    }

    /** The chain's row, locked until the transaction ends. */
    public Optional<Chain> lockById(UUID id) {
        return jdbc.sql("select * from registry.chain where id = :id for update")
                .param("id", id)
                .query(ChainRepository::map)
                .optional();
    }

    /** Sets the availability objective ({@code null}: none) and raises the version. */
    public void updateObjective(UUID id, Double objective) {
        jdbc.sql("update registry.chain set availability_objective = :objective, version = version + 1 where id = :id")
                .param("id", id)
                .param("objective", objective, java.sql.Types.DOUBLE)
                .update();
    }

    public Optional<Chain> findById(UUID id) {
        return jdbc.sql("select * from registry.chain where id = :id")
                .param("id", id)
                .query(ChainRepository::map)
                .optional();
    }

    /** Filters of {@link #find}; {@code null} = any. */
    public record Query(UUID orgId, Platform platform, String name) {
    }

    public Page<Chain> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("org_id = :orgId", "orgId", query.orgId())
                .and("platform = :platform", "platform", query.platform())
                .and("name = :name", "name", query.name());
        return where.page(jdbc, "*", "from registry.chain", "created_at, id", page, ChainRepository::map);
    }

    private static Chain map(ResultSet rs, int row) throws SQLException {
        return new Chain(
                rs.getObject("id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("name"),
                Platform.valueOf(rs.getString("platform")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                rs.getObject("availability_objective", Double.class));
    }
}
