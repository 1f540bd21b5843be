package io.chainwatch.cdc.organization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code cdc.organization_state}: which organizations the registry deactivated. The source queries read it
 * ({@code SourceRepository.enabled}, {@code SourceRepository.deactivated}); only this class writes it.
 */
@Repository
class OrganizationStates {

    private final JdbcClient jdbc;

    OrganizationStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the state as of {@code at}, unless a later one is known already (a record read twice, or an older one
     * after a newer one, changes nothing). Returns whether it was recorded.
     */
    boolean record(UUID orgId, boolean deactivated, Instant at) {
        return jdbc.sql("""
                        insert into cdc.organization_state (org_id, deactivated, changed_at)
                        values (:orgId, :deactivated, :at)
                        on conflict (org_id) do update set deactivated = excluded.deactivated,
                            changed_at = excluded.changed_at
                        where organization_state.changed_at <= excluded.changed_at""")
                .param("orgId", orgId)
                .param("deactivated", deactivated)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update() == 1;
    }
}
