package io.chainwatch.registry.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Actor;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Writes and reads {@code registry.audit_log}. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a change made by the current request's caller (its subject and organization), in the caller's transaction (so it exists if and
     * only if the change is committed).
     *
     * @param before the API view before ({@code null} on create); never pass anything holding a secret
     * @param after  the API view after ({@code null} on delete)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orgId, String action, String resourceType, Object resourceId, Object before, Object after) {
        write(Actor.current(), Actor.currentOrg(), orgId, action, resourceType, resourceId, before, after);
    }

    /** Same, with an explicit actor (task steps run outside the request). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, UUID orgId, String action, String resourceType, Object resourceId, Object before,
            Object after) {
        write(actor, null, orgId, action, resourceType, resourceId, before, after);
    }

    /**
     * @param actorOrgId the organization of the caller who made the change ({@code null}: a platform admin or a
     *                   task step); {@code orgId} is the organization the changed resource belongs to
     */
    private void write(String actor, UUID actorOrgId, UUID orgId, String action, String resourceType,
            Object resourceId, Object before, Object after) {
        jdbc.sql("""
                        insert into registry.audit_log
                            (at, actor, actor_org_id, org_id, action, resource_type, resource_id, before_state,
                             after_state)
                        values (:at, :actor, :actorOrgId, :orgId, :action, :resourceType, :resourceId,
                                cast(:before as jsonb), cast(:after as jsonb))""")
                .param("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .param("actor", actor)
                .param("actorOrgId", actorOrgId)
                .param("orgId", orgId)
                .param("action", action)
                .param("resourceType", resourceType)
                .param("resourceId", String.valueOf(resourceId))
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .update();
    }

    /** Filters of {@link #find}; {@code null} = any. {@code from} inclusive, {@code to} exclusive. */
    public record Query(UUID orgId, String actor, String action, String resourceType, String resourceId,
            Instant from, Instant to) {
    }

    @Transactional(readOnly = true)
    public Page<AuditEntry> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("org_id = :orgId", "orgId", query.orgId())
                .and("actor = :actor", "actor", query.actor())
                .and("action = :action", "action", query.action())
                .and("resource_type = :resourceType", "resourceType", query.resourceType())
                .and("resource_id = :resourceId", "resourceId", query.resourceId())
                .and("at >= :from", "from", query.from())
                .and("at < :to", "to", query.to());
        return where.page(jdbc, "*", "from registry.audit_log", "id desc", page, (rs, row) -> new AuditEntry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getObject("actor_org_id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("before_state") == null ? null : json.readTree(rs.getString("before_state")),
                rs.getString("after_state") == null ? null : json.readTree(rs.getString("after_state"))));
    }
}
