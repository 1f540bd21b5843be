package io.chainwatch.registry.availability;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The nodes an alliance's availability covers: the monitored (not retired) nodes of the chains linked to its
 * business chains ({@code chain.business_chain_id} → {@code business_chain.alliance_id}).
 */
@Repository
class AllianceNodes {

    private final JdbcClient jdbc;

    AllianceNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The alliance's nodes, only those of chains of {@code orgId} unless it is {@code null}; oldest first. */
    List<AvailabilityService.NodeRef> of(UUID allianceId, UUID orgId) {
        return jdbc.sql("""
                        select n.id, n.name from registry.node n
                        join registry.chain c on c.id = n.chain_id
                        join registry.business_chain b on b.id = c.business_chain_id
                        where b.alliance_id = :alliance and n.retired_at is null
                          and (cast(:org as uuid) is null or c.org_id = cast(:org as uuid))
                        order by n.created_at, n.id""")
                .param("alliance", allianceId)
                .param("org", orgId)
                .query((rs, n) -> new AvailabilityService.NodeRef(rs.getObject("id", UUID.class), rs.getString("name")))
                .list();
    }
}
