package io.chainwatch.registry.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import io.chainwatch.security.QuotaExceededException;

/**
 * The registry's quotas of an organization: its limits (override, else default) and usage, and the checks the
 * services make before they write. A count check takes a transaction-scoped advisory lock per organization and
 * quota first, so that two concurrent creates cannot both pass at the limit; it must run inside the creating
 * transaction.
 */
@Component
public class Quotas {

    public static final String CHAINS = "chains";
    public static final String NODES = "nodes";
    public static final String MIN_POLL_INTERVAL_MS = "min-poll-interval-ms";
    public static final String API_KEYS = "api-keys";
    /** Every quota this service keeps, in display order. */
    public static final List<String> NAMES = List.of(CHAINS, NODES, MIN_POLL_INTERVAL_MS, API_KEYS);

    /** One quota: its limit and what the organization uses of it ({@code min-poll-interval-ms}: its shortest). */
    public record View(String name, long limit, Long used, boolean overridden) {
    }

    private final QuotaProperties defaults;
    private final JdbcClient jdbc;

    public Quotas(QuotaProperties defaults, JdbcClient jdbc) {
        this.defaults = defaults;
        this.jdbc = jdbc;
    }

    /** The organization's limit of {@code name}. */
    public long limit(UUID orgId, String name) {
        return jdbc.sql("select value from registry.quota_override where org_id = :org and name = :name")
                .param("org", orgId).param("name", name).query(Long.class).optional()
                .orElseGet(() -> defaults.of(name));
    }

    /**
     * Before creating one more {@code name} (chains, nodes, api-keys) for the organization: 409 when it already has
     * its limit. Call inside the creating transaction.
     */
    public void checkOneMore(UUID orgId, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", orgId + "/" + name)
                .query((rs, i) -> 1).list();
        long limit = limit(orgId, name);
        long used = used(orgId, name);
        if (used + 1 > limit) {
            throw new QuotaExceededException(name, limit, "Quota \"" + name + "\" of the organization is "
                    + limit + " and " + used + " are in use: delete one or ask a platform admin to raise it.");
        }
    }

    /** A node polled every {@code pollIntervalMs}: 409 when that is shorter than the organization allows. */
    public void checkPollInterval(UUID orgId, long pollIntervalMs) {
        long limit = limit(orgId, MIN_POLL_INTERVAL_MS);
        if (pollIntervalMs < limit) {
            throw new QuotaExceededException(MIN_POLL_INTERVAL_MS, limit, "Quota \"" + MIN_POLL_INTERVAL_MS
                    + "\" of the organization is " + limit + ": pollIntervalMs " + pollIntervalMs + " is shorter.");
        }
    }

    /** Every quota of the organization with its usage. */
    public List<View> view(UUID orgId) {
        Map<String, Long> overrides = new LinkedHashMap<>();
        jdbc.sql("select name, value from registry.quota_override where org_id = :org").param("org", orgId)
                .query((rs, i) -> overrides.put(rs.getString(1), rs.getLong(2))).list();
        List<View> views = new ArrayList<>();
        for (String name : NAMES) {
            Long override = overrides.get(name);
            views.add(new View(name, override != null ? override : defaults.of(name), used(orgId, name),
                    override != null));
        }
        return views;
    }

    /** Sets (value) or removes (null: back to the default) the organization's overrides. */
    public void override(UUID orgId, Map<String, Long> values, String actor) {
        values.forEach((name, value) -> {
            if (value == null) {
                jdbc.sql("delete from registry.quota_override where org_id = :org and name = :name")
                        .param("org", orgId).param("name", name).update();
            } else {
                jdbc.sql("""
                        insert into registry.quota_override (org_id, name, value, updated_by)
                        values (:org, :name, :value, :actor)
                        on conflict (org_id, name) do update set value = excluded.value, updated_at = now(),
                            updated_by = excluded.updated_by""")
                        .param("org", orgId).param("name", name).param("value", value).param("actor", actor)
                        .update();
            }
        });
    }

    private Long used(UUID orgId, String name) {
        String sql = switch (name) {
            case CHAINS -> "select count(*) from registry.chain where org_id = :org";
            case NODES -> "select count(*) from registry.node n join registry.chain c on c.id = n.chain_id"
                    + " where c.org_id = :org";
            case MIN_POLL_INTERVAL_MS -> "select min(n.poll_interval_ms) from registry.node n"
                    + " join registry.chain c on c.id = n.chain_id where c.org_id = :org";
            case API_KEYS -> "select count(*) from registry.api_key where org_id = :org and revoked_at is null"
                    + " and (expires_at is null or expires_at > now())";
            default -> throw new IllegalArgumentException("unknown quota " + name);
        };
        return jdbc.sql(sql).param("org", orgId).query(Long.class).optional().orElse(null);
    }
}
