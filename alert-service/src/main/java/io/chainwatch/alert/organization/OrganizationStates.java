package io.chainwatch.alert.organization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code alert.organization_state}: which organizations the registry deactivated. */
@Repository
public class OrganizationStates {

    private final JdbcClient jdbc;

    OrganizationStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the registry last reported the organization deactivated (unknown: active). */
    public boolean deactivated(UUID orgId) {
        return jdbc.sql("select deactivated from alert.organization_state where org_id = :orgId")
                .param("orgId", orgId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Records the state as of {@code at}, unless a later one is known already (a record read twice, or an older one
     * after a newer one, changes nothing). Returns whether it was recorded.
     */
    boolean record(UUID orgId, boolean deactivated, Instant at) {
        return jdbc.sql("""
                        insert into alert.organization_state (org_id, deactivated, changed_at)
                        values (:orgId, :deactivated, :at)
                        on conflict (org_id) do update set deactivated = excluded.deactivated,
                            changed_at = excluded.changed_at
                        where organization_state.changed_at <= excluded.changed_at""")
                .param("orgId", orgId)
                .param("deactivated", deactivated)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update() == 1;
    }

    /**
     * Gives up every message of the organization still waiting in the notification outbox (its alerts' and its
     * registry notifications'), with {@code reason} as their error, as the dispatcher does with a message it cannot
     * deliver: kept in the table, never tried again. Returns how many.
     */
    int giveUpWaitingNotifications(UUID orgId, String reason) {
        return jdbc.sql("""
                        update alert.notification_outbox o
                           set next_attempt_at = null, last_error = :reason
                         where o.sent_at is null and o.next_attempt_at is not null
                           and (o.org_id = :orgId
                                or exists (select 1 from alert.alert a
                                            where a.fingerprint = o.fingerprint and a.org_id = :orgId))""")
                .param("orgId", orgId).param("reason", reason).update();
    }
}
