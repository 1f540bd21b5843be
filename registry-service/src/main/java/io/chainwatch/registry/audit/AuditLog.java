package io.chainwatch.registry.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.chainwatch.events.Topics;
import io.chainwatch.registry.outbox.OutboxRepository;
import io.chainwatch.registry.sql.Where;
import io.chainwatch.security.audit.AuditFilter;
import io.chainwatch.registry.web.Actor;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads {@code registry.audit_log}, the audit table of every service. The registry's own changes are
 * written here in the change's transaction, together with the same entry as an outbox record for
 * {@code chainwatch.audit} (so it reaches the tamper-evident log exactly when the change is committed); the other
 * services' entries, and the registry's refused or failed calls, arrive from that topic ({@link #store}).
 */
@Service
public class AuditLog {

    /** The service name in the registry's entries. */
    public static final String SERVICE = "registry";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxRepository outbox;

    AuditLog(JdbcClient jdbc, JsonMapper json, OutboxRepository outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
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
        UUID entryId = UUID.randomUUID();
        Instant now = Instant.now();
        String beforeJson = before == null ? null : json.writeValueAsString(before);
        String afterJson = after == null ? null : json.writeValueAsString(after);
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        if (beforeJson != null) {
            details.put("before", beforeJson);
        }
        if (afterJson != null) {
            details.put("after", afterJson);
        }
        io.chainwatch.events.AuditEntry entry = new io.chainwatch.events.AuditEntry(entryId.toString(), SERVICE,
                orgId == null ? null : orgId.toString(), actor, actorOrgId == null ? null : actorOrgId.toString(),
                action, resourceType, String.valueOf(resourceId), "success", now.toEpochMilli(), details);
        outbox.append(Topics.AUDIT, orgId == null ? "platform" : orgId.toString(), json.writeValueAsString(entry));
        org.springframework.web.context.request.RequestAttributes request =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request != null) { // the audit filter need not publish this call's success again
            request.setAttribute(AuditFilter.RECORDED, Boolean.TRUE,
                    org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        jdbc.sql("""
                        insert into registry.audit_log
                            (entry_id, service, outcome, at, actor, actor_org_id, org_id, action, resource_type,
                             resource_id, before_state, after_state)
                        values (:entryId, 'registry', 'success', :at, :actor, :actorOrgId, :orgId, :action,
                                :resourceType, :resourceId, cast(:before as jsonb), cast(:after as jsonb))""")
                .param("entryId", entryId)
                .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("actor", actor)
                .param("actorOrgId", actorOrgId)
                .param("orgId", orgId)
                .param("action", action)
                .param("resourceType", resourceType)
                .param("resourceId", String.valueOf(resourceId))
                .param("before", beforeJson)
                .param("after", afterJson)
                .update();
    }

    /**
     * Stores an entry read from {@code chainwatch.audit}, unless the table has it already (the registry's own
     * entries, written with their change). Joins the caller's transaction (the ledger appender's).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void store(io.chainwatch.events.AuditEntry entry) {
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>(entry.details());
        String before = details.remove("before");
        String after = details.remove("after");
        jdbc.sql("""
                        insert into registry.audit_log
                            (entry_id, service, outcome, at, actor, actor_org_id, org_id, action, resource_type,
                             resource_id, before_state, after_state, details)
                        values (:entryId, :service, :outcome, :at, :actor, :actorOrgId, :orgId, :action,
                                :resourceType, :resourceId, cast(:before as jsonb), cast(:after as jsonb),
                                cast(:details as jsonb))
                        on conflict (entry_id) do nothing""")
                .param("entryId", UUID.fromString(entry.entryId()))
                .param("service", cut(entry.service(), 32))
                .param("outcome", cut(entry.outcome(), 16))
                .param("at", OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.atMs()), ZoneOffset.UTC))
                .param("actor", cut(entry.actor() == null ? "unknown" : entry.actor(), 100))
                .param("actorOrgId", uuid(entry.actorOrgId()))
                .param("orgId", uuid(entry.orgId()))
                .param("action", cut(entry.action() == null ? "unknown" : entry.action(), 64))
                .param("resourceType", cut(entry.resourceType() == null ? "unknown" : entry.resourceType(), 32))
                .param("resourceId", entry.resourceId() == null ? null : cut(entry.resourceId(), 64))
                .param("before", jsonOrNull(before))
                .param("after", jsonOrNull(after))
                .param("details", details.isEmpty() ? null : json.writeValueAsString(details))
                .update();
    }

    private String jsonOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            json.readTree(text);
            return text;
        } catch (RuntimeException e) {
            return json.writeValueAsString(text);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Filters of {@link #find}; {@code null} = any. {@code from} inclusive, {@code to} exclusive. */
    public record Query(UUID orgId, String actor, String action, String resourceType, String resourceId,
            Instant from, Instant to, String service, String outcome) {

        public Query(UUID orgId, String actor, String action, String resourceType, String resourceId, Instant from,
                Instant to) {
            this(orgId, actor, action, resourceType, resourceId, from, to, null, null);
        }
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
                .and("at < :to", "to", query.to())
                .and("service = :service", "service", query.service())
                .and("outcome = :outcome", "outcome", query.outcome());
        return where.page(jdbc, "a.*, (select l.leaf_index from registry.ledger_entry l where l.entry_id = a.entry_id)"
                + " as ledger_index", "from registry.audit_log a", "id desc", page, (rs, row) -> new AuditEntry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getObject("actor_org_id", UUID.class),
                rs.getObject("org_id", UUID.class),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("before_state") == null ? null : json.readTree(rs.getString("before_state")),
                rs.getString("after_state") == null ? null : json.readTree(rs.getString("after_state")),
                rs.getObject("entry_id", UUID.class),
                rs.getString("service"),
                rs.getString("outcome"),
                rs.getString("details") == null ? null : json.readTree(rs.getString("details")),
                rs.getObject("ledger_index") == null ? null : rs.getLong("ledger_index")));
    }
}
