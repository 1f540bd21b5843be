package io.chainwatch.cdc.quota;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.security.QuotaExceededException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The CDC service's quota of an organization: how many sources it may have. The check runs before a source's
 * replication slot is made; two sources created at the same instant at the limit could both pass (creation is
 * rare and done by org admins).
 */
@Component
public class Quotas {

    public static final String SOURCES = "cdc-sources";
    public static final List<String> NAMES = List.of(SOURCES);

    /** One quota: its limit and what the organization uses of it. */
    public record View(String name, long limit, Long used, boolean overridden) {
    }

    private final JdbcClient jdbc;
    private final long defaultSources;

    public Quotas(JdbcClient jdbc, @Value("${chainwatch.cdc.quotas.sources:20}") long defaultSources) {
        this.jdbc = jdbc;
        this.defaultSources = defaultSources;
    }

    private java.util.Optional<Long> override(UUID orgId) {
        return jdbc.sql("select value from cdc.quota_override where org_id = :org and name = :name")
                .param("org", orgId).param("name", SOURCES).query(Long.class).optional();
    }

    private long used(UUID orgId) {
        return jdbc.sql("select count(*) from cdc.source where org_id = :org").param("org", orgId)
                .query(Long.class).single();
    }

    /** Before creating one more source: 409 at the limit. */
    public void checkOneMore(UUID orgId) {
        long limit = override(orgId).orElse(defaultSources);
        long used = used(orgId);
        if (used + 1 > limit) {
            throw new QuotaExceededException(SOURCES, limit, "Quota \"" + SOURCES + "\" of the organization is "
                    + limit + " and " + used + " are in use: delete one or ask a platform admin to raise it.");
        }
    }

    public List<View> view(UUID orgId) {
        java.util.Optional<Long> override = override(orgId);
        return List.of(new View(SOURCES, override.orElse(defaultSources), used(orgId), override.isPresent()));
    }

    /** Sets (value) or removes (null: back to the default) the organization's override. */
    public void override(UUID orgId, Map<String, Long> values, String actor) {
        values.forEach((name, value) -> {
            if (value == null) {
                jdbc.sql("delete from cdc.quota_override where org_id = :org and name = :name")
                        .param("org", orgId).param("name", name).update();
            } else {
                jdbc.sql("""
                        insert into cdc.quota_override (org_id, name, value, updated_by)
                        values (:org, :name, :value, :actor)
                        on conflict (org_id, name) do update set value = excluded.value, updated_at = now(),
                            updated_by = excluded.updated_by""")
                        .param("org", orgId).param("name", name).param("value", value).param("actor", actor)
                        .update();
            }
        });
    }
}
