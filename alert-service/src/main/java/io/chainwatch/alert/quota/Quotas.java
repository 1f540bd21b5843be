package io.chainwatch.alert.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.security.QuotaExceededException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The alert service's quotas of an organization: limits (override, else default), usage, and the checks before a
 * write. A count check takes a transaction-scoped advisory lock per organization and quota, so two concurrent
 * creates cannot both pass at the limit; it must run inside the creating transaction.
 */
@Component
public class Quotas {

    public static final String RULES = "rules";
    public static final String RECEIVERS = "receivers";
    public static final String RECIPIENTS_PER_RULE = "recipients-per-rule";
    public static final String SMS_PER_HOUR = "sms-per-hour";
    /** Every quota this service keeps, in display order. */
    public static final List<String> NAMES = List.of(RULES, RECEIVERS, RECIPIENTS_PER_RULE, SMS_PER_HOUR);

    /** One quota: its limit and what the organization uses of it (recipients per rule: its largest rule's). */
    public record View(String name, long limit, Long used, boolean overridden) {
    }

    private final QuotaProperties defaults;
    private final int smsPerHour;
    private final JdbcClient jdbc;

    public Quotas(QuotaProperties defaults, @Value("${chainwatch.alert.sms.per-hour:10}") int smsPerHour,
                  JdbcClient jdbc) {
        this.defaults = defaults;
        this.smsPerHour = smsPerHour;
        this.jdbc = jdbc;
    }

    private long defaultOf(String name) {
        return switch (name) {
            case RULES -> defaults.rules();
            case RECEIVERS -> defaults.receivers();
            case RECIPIENTS_PER_RULE -> defaults.recipientsPerRule();
            case SMS_PER_HOUR -> smsPerHour;
            default -> throw new IllegalArgumentException("unknown quota " + name);
        };
    }

    /** The organization's limit of {@code name}. */
    public long limit(UUID orgId, String name) {
        return jdbc.sql("select value from alert.quota_override where org_id = :org and name = :name")
                .param("org", orgId).param("name", name).query(Long.class).optional()
                .orElseGet(() -> defaultOf(name));
    }

    /** Before creating one more rule or receiver: 409 at the limit. Call inside the creating transaction. */
    public void checkOneMore(UUID orgId, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "alert/" + orgId + "/" + name)
                .query((rs, i) -> 1).list();
        long limit = limit(orgId, name);
        long used = used(orgId, name);
        if (used + 1 > limit) {
            throw new QuotaExceededException(name, limit, "Quota \"" + name + "\" of the organization is " + limit
                    + " and " + used + " are in use: delete one or ask a platform admin to raise it.");
        }
    }

    /** A rule with {@code recipients} addresses in {@code emailTo}: 409 over the limit. */
    public void checkRecipients(UUID orgId, int recipients) {
        long limit = limit(orgId, RECIPIENTS_PER_RULE);
        if (recipients > limit) {
            throw new QuotaExceededException(RECIPIENTS_PER_RULE, limit, "Quota \"" + RECIPIENTS_PER_RULE
                    + "\" of the organization is " + limit + ": the rule names " + recipients + " recipients.");
        }
    }

    /** Every quota of the organization with its usage. */
    public List<View> view(UUID orgId) {
        Map<String, Long> overrides = new LinkedHashMap<>();
        jdbc.sql("select name, value from alert.quota_override where org_id = :org").param("org", orgId)
                .query((rs, i) -> overrides.put(rs.getString(1), rs.getLong(2))).list();
        List<View> views = new ArrayList<>();
        for (String name : NAMES) {
            Long override = overrides.get(name);
            views.add(new View(name, override != null ? override : defaultOf(name), used(orgId, name),
                    override != null));
        }
        return views;
    }

    /** Sets (value) or removes (null: back to the default) the organization's overrides. */
    public void override(UUID orgId, Map<String, Long> values, String actor) {
        values.forEach((name, value) -> {
            if (value == null) {
                jdbc.sql("delete from alert.quota_override where org_id = :org and name = :name")
                        .param("org", orgId).param("name", name).update();
            } else {
                jdbc.sql("""
                        insert into alert.quota_override (org_id, name, value, updated_by)
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
            case RULES -> "select count(*) from alert.rule where org_id = :org";
            case RECEIVERS -> "select count(*) from alert.receiver where org_id = :org";
            case RECIPIENTS_PER_RULE -> "select max(jsonb_array_length(email_to)) from alert.rule where org_id = :org";
            case SMS_PER_HOUR -> "select count(*) from alert.notification_outbox o join alert.receiver r"
                    + " on r.id = o.receiver_id where o.channel = 'sms' and r.org_id = :org"
                    + " and o.transition <> 'NOTICE' and o.created_at > now() - interval '1 hour'";
            default -> throw new IllegalArgumentException("unknown quota " + name);
        };
        return jdbc.sql(sql).param("org", orgId).query(Long.class).optional().orElse(null);
    }
}
