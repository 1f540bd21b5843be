package io.chainwatch.registry.node;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

/** Table {@code registry.node}; reads join {@code registry.chain} for the owning organization. */
@Repository
class NodeRepository {

    private static final String COLUMNS = "n.id, n.chain_id, c.org_id, n.name, n.rpc_url, n.poll_interval_ms,"
            + " n.metrics_url, n.fabric, n.created_at, n.version, n.retired_at";

    private static final String SELECT = "select " + COLUMNS
            + " from registry.node n join registry.chain c on c.id = n.chain_id ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NodeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the node; a name taken in the chain raises {@link org.springframework.dao.DuplicateKeyException}. */
    public void insert(Node node) {
        jdbc.sql("""
                        insert into registry.node (id, chain_id, name, rpc_url, poll_interval_ms, metrics_url, fabric,
                            created_at, version)
                        values (:id, :chainId, :name, :rpcUrl, :pollIntervalMs, :metricsUrl, cast(:fabric as jsonb),
                            :createdAt, :version)""")
                .param("id", node.id())
                .param("chainId", node.chainId())
                .param("name", node.name())
                .param("rpcUrl", node.rpcUrl())
                .param("pollIntervalMs", node.pollIntervalMs())
                .param("metricsUrl", node.metricsUrl())
                .param("fabric", node.fabric() == null ? null : json.writeValueAsString(node.fabric()))
                .param("createdAt", OffsetDateTime.ofInstant(node.createdAt(), ZoneOffset.UTC))
                .param("version", node.version())
                .update();
    }

    public Optional<Node> findById(UUID id) {
        return jdbc.sql(SELECT + "where n.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Filters of {@link #find}; {@code null} = any. */
    record Query(UUID chainId, UUID orgId, String name) {
    }

    Page<Node> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("n.chain_id = :chainId", "chainId", query.chainId())
                .and("c.org_id = :orgId", "orgId", query.orgId())
                .and("n.name = :name", "name", query.name());
        return where.page(jdbc, COLUMNS,
                "from registry.node n join registry.chain c on c.id = n.chain_id", "n.created_at, n.id", page,
                this::map);
    }

    /** Every node of the organization's chains whose Fabric settings name the MSP. */
    java.util.List<Node> withFabricMsp(UUID orgId, String mspId) {
        return jdbc.sql(SELECT + "where c.org_id = :orgId and n.fabric ->> 'mspId' = :mspId and n.retired_at is null order by n.created_at, n.id")
                .param("orgId", orgId)
                .param("mspId", mspId)
                .query(this::map)
                .list();
    }

    /** Every monitored (not retired) node of the organization's chains. */
    java.util.List<Node> monitoredOfOrganization(UUID orgId) {
        return jdbc.sql(SELECT + "where c.org_id = :orgId and n.retired_at is null order by n.created_at, n.id")
                .param("orgId", orgId)
                .query(this::map)
                .list();
    }

    /** Every node with Fabric settings. */
    java.util.List<Node> withFabric() {
        return jdbc.sql(SELECT + "where n.fabric is not null and n.retired_at is null order by n.created_at, n.id").query(this::map).list();
    }

    /** The node, row-locked until the end of the transaction. */
    Optional<Node> lockById(UUID id) {
        return jdbc.sql(SELECT + "where n.id = :id for update of n")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Writes name, URL and interval and bumps the version if it is still {@code expectedVersion}. */
    boolean update(Node node, long expectedVersion) {
        return jdbc.sql("""
                        update registry.node set name = :name, rpc_url = :rpcUrl, poll_interval_ms = :pollIntervalMs,
                            metrics_url = :metricsUrl, fabric = cast(:fabric as jsonb), updated_at = now(),
                            version = version + 1
                        where id = :id and version = :expected""")
                .param("id", node.id())
                .param("name", node.name())
                .param("rpcUrl", node.rpcUrl())
                .param("pollIntervalMs", node.pollIntervalMs())
                .param("metricsUrl", node.metricsUrl())
                .param("fabric", node.fabric() == null ? null : json.writeValueAsString(node.fabric()))
                .param("expected", expectedVersion)
                .update() == 1;
    }

    /** Deletes the node; {@code false} when there was none with that id. */
    public boolean delete(UUID id) {
        return jdbc.sql("delete from registry.node where id = :id").param("id", id).update() == 1;
    }

    private Node map(ResultSet rs, int row) throws SQLException {
        String fabric = rs.getString("fabric");
        return new Node(
                rs.getObject("id", UUID.class),
                rs.getObject("chain_id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("name"),
                rs.getString("rpc_url"),
                rs.getLong("poll_interval_ms"),
                rs.getString("metrics_url"),
                fabric == null ? null : json.readValue(fabric, FabricSettings.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                rs.getObject("retired_at", OffsetDateTime.class) == null ? null
                        : rs.getObject("retired_at", OffsetDateTime.class).toInstant());
    }

    /** Marks the node retired (or, with {@code null}, monitored again); {@code false} when there is no such node. */
    boolean setRetired(UUID id, Instant at, String reason) {
        return jdbc.sql("update registry.node set retired_at = :at, retired_reason = :reason, updated_at = now(),"
                        + " version = version + 1 where id = :id")
                .param("id", id)
                .param("at", at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("reason", reason)
                .update() == 1;
    }
}
