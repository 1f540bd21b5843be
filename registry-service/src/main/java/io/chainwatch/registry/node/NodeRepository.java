package io.chainwatch.registry.node;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.node}; reads join {@code registry.chain} for the owning organization. */
@Repository
class NodeRepository {

    private static final String SELECT = """
            select n.id, n.chain_id, c.org_id, n.name, n.rpc_url, n.poll_interval_ms, n.created_at, n.version
            from registry.node n join registry.chain c on c.id = n.chain_id
            """;

    private final JdbcClient jdbc;

    NodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the node; a name taken in the chain raises {@link org.springframework.dao.DuplicateKeyException}. */
    public void insert(Node node) {
        jdbc.sql("""
                        insert into registry.node (id, chain_id, name, rpc_url, poll_interval_ms, created_at, version)
                        values (:id, :chainId, :name, :rpcUrl, :pollIntervalMs, :createdAt, :version)""")
                .param("id", node.id())
                .param("chainId", node.chainId())
                .param("name", node.name())
                .param("rpcUrl", node.rpcUrl())
                .param("pollIntervalMs", node.pollIntervalMs())
                .param("createdAt", OffsetDateTime.ofInstant(node.createdAt(), ZoneOffset.UTC))
                .param("version", node.version())
                .update();
    }

    public Optional<Node> findById(UUID id) {
        return jdbc.sql(SELECT + "where n.id = :id")
                .param("id", id)
                .query(NodeRepository::map)
                .optional();
    }

    public List<Node> findAll() {
        return jdbc.sql(SELECT + "order by n.created_at, n.id")
                .query(NodeRepository::map)
                .list();
    }

    public List<Node> findByChainId(UUID chainId) {
        return jdbc.sql(SELECT + "where n.chain_id = :chainId order by n.created_at, n.id")
                .param("chainId", chainId)
                .query(NodeRepository::map)
                .list();
    }

    /** Deletes the node; {@code false} when there was none with that id. */
    public boolean delete(UUID id) {
        return jdbc.sql("delete from registry.node where id = :id").param("id", id).update() == 1;
    }

    private static Node map(ResultSet rs, int row) throws SQLException {
        return new Node(
                rs.getObject("id", UUID.class),
                rs.getObject("chain_id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("name"),
                rs.getString("rpc_url"),
                rs.getLong("poll_interval_ms"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"));
    }
}
