package io.chainwatch.registry.monitoredchain;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which alliances a monitored chain serves: those of the business chain it is linked to
 * ({@code chain.business_chain_id}), unless DELETED. What node targets carry as {@code allianceIds}.
 */
@Repository
public class ChainAlliances {

    private final JdbcClient jdbc;

    ChainAlliances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Alliance ids of the chain, sorted; empty when it serves none. */
    public List<UUID> of(UUID chainId) {
        return jdbc.sql("""
                        select distinct a.id from registry.chain c
                        join registry.business_chain b on b.id = c.business_chain_id
                        join registry.alliance a on a.id = b.alliance_id
                        where c.id = :chainId and a.status <> 'DELETED'
                        order by a.id""")
                .param("chainId", chainId)
                .query(UUID.class)
                .list();
    }
}
