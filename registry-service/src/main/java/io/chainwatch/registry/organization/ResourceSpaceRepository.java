package io.chainwatch.registry.organization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code registry.resource_space} and {@code registry.resource_space_node}. */
@Repository
public class ResourceSpaceRepository {

    private final JdbcClient jdbc;

    ResourceSpaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the space and its nodes. A tenant/project or host:port bound to another organization, or a second
     * space of the same organization, raises {@link org.springframework.dao.DuplicateKeyException}.
     */
    void insert(ResourceSpace space, Instant createdAt) {
        jdbc.sql("""
                        insert into registry.resource_space (id, org_id, kind, tenant_id, tenant_name, project_id,
                            project_name, access_key_secret_id, secret_key_secret_id, token_secret_id, created_at)
                        values (:id, :orgId, :kind, :tenantId, :tenantName, :projectId, :projectName, :ak, :sk, :token,
                            :createdAt)""")
                .param("id", space.id())
                .param("orgId", space.orgId())
                .param("kind", space.kind().name())
                .param("tenantId", space.tenantId())
                .param("tenantName", space.tenantName())
                .param("projectId", space.projectId())
                .param("projectName", space.projectName())
                .param("ak", space.accessKeySecretId())
                .param("sk", space.secretKeySecretId())
                .param("token", space.tokenSecretId())
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
        int position = 0;
        for (ResourceSpace.PhysicalNode node : space.nodes()) {
            jdbc.sql("""
                            insert into registry.resource_space_node (id, resource_space_id, position, host, port, tls_certificate)
                            values (:id, :spaceId, :position, :host, :port, :cert)""")
                    .param("id", UUID.randomUUID())
                    .param("spaceId", space.id())
                    .param("position", position++)
                    .param("host", node.host())
                    .param("port", node.port())
                    .param("cert", node.tlsCertificate())
                    .update();
        }
    }

    Optional<ResourceSpace> findByOrgId(UUID orgId) {
        return jdbc.sql("select * from registry.resource_space where org_id = :orgId")
                .param("orgId", orgId)
                .query((rs, row) -> new ResourceSpace(
                        rs.getObject("id", UUID.class),
                        rs.getObject("org_id", UUID.class),
                        ResourceSpaceKind.valueOf(rs.getString("kind")),
                        rs.getString("tenant_id"), rs.getString("tenant_name"),
                        rs.getString("project_id"), rs.getString("project_name"),
                        rs.getObject("access_key_secret_id", UUID.class),
                        rs.getObject("secret_key_secret_id", UUID.class),
                        rs.getObject("token_secret_id", UUID.class),
                        List.of()))
                .optional()
                .map(space -> new ResourceSpace(space.id(), space.orgId(), space.kind(), space.tenantId(),
                        space.tenantName(), space.projectId(), space.projectName(), space.accessKeySecretId(),
                        space.secretKeySecretId(), space.tokenSecretId(), nodes(space.id())));
    }

    /** Kind of each given organization's space; organizations without one are absent from the map. */
    public Map<UUID, ResourceSpaceKind> kinds(Collection<UUID> orgIds) {
        Map<UUID, ResourceSpaceKind> kinds = new HashMap<>();
        if (orgIds.isEmpty()) {
            return kinds;
        }
        jdbc.sql("select org_id, kind from registry.resource_space where org_id in (:ids)")
                .param("ids", orgIds)
                .query(rs -> {
                    kinds.put(rs.getObject("org_id", UUID.class), ResourceSpaceKind.valueOf(rs.getString("kind")));
                });
        return kinds;
    }

    /** Deletes the organization's space (its nodes cascade); {@code false} when it had none. */
    boolean deleteByOrgId(UUID orgId) {
        return jdbc.sql("delete from registry.resource_space where org_id = :orgId").param("orgId", orgId).update() == 1;
    }

    private List<ResourceSpace.PhysicalNode> nodes(UUID spaceId) {
        return jdbc.sql("""
                        select host, port, tls_certificate from registry.resource_space_node
                        where resource_space_id = :id order by position""")
                .param("id", spaceId)
                .query((rs, row) -> new ResourceSpace.PhysicalNode(rs.getString("host"), rs.getInt("port"),
                        rs.getString("tls_certificate")))
                .list();
    }
}
