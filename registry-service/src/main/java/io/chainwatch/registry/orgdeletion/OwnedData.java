package io.chainwatch.registry.orgdeletion;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an organization owns in schema {@code registry}, read and removed for its deletion (in the caller's
 * transaction, in an order the foreign keys accept). Removed: its chains (their nodes go through the node service
 * first) with their contracts (any deployer's) and their revisions, its signing keys, platform links, node status and history; business chains it owns and
 * its blockchains, memberships of other business chains and blockchains; alliances it leads (marked {@code DELETED},
 * as the alliance delete task does) and its memberships and invitations elsewhere; its tasks (join requests included)
 * with their steps, log, approvals and provisioning outputs; its registry notifications, API keys, Fabric identities,
 * resource space, registered platforms with their reconciliation runs, quota overrides, and every secret it stored.
 * Kept: the audit log, the tamper-evident ledger and the append-only node state changes (ids and states only), and
 * other organizations' records that name it (their approvals of its requests, their notifications).
 */
@Repository
class OwnedData {

    private final JdbcClient jdbc;

    OwnedData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Names of the not deleted alliances it leads in which another organization is a member or invited, or owns a business chain. */
    List<String> alliancesSharedWithOthers(UUID orgId) {
        return jdbc.sql("""
                        select a.name from registry.alliance a
                         where a.creator_org_id = :org and a.status <> 'DELETED'
                           and (exists (select 1 from registry.alliance_member m
                                         where m.alliance_id = a.id and m.org_id <> :org)
                                or exists (select 1 from registry.business_chain b
                                            where b.alliance_id = a.id and b.owner_org_id <> :org))
                         order by a.name""")
                .param("org", orgId).query(String.class).list();
    }

    /** Names of the business chains it owns that another organization is a member of, has a blockchain in, or links a chain to. */
    List<String> businessChainsSharedWithOthers(UUID orgId) {
        return jdbc.sql("""
                        select b.name from registry.business_chain b
                         where b.owner_org_id = :org
                           and (exists (select 1 from registry.business_chain_member m
                                         where m.business_chain_id = b.id and m.org_id <> :org)
                                or exists (select 1 from registry.blockchain c
                                            where c.business_chain_id = b.id and c.owner_org_id <> :org)
                                or exists (select 1 from registry.chain ch
                                            where ch.business_chain_id = b.id and ch.org_id <> :org))
                         order by b.name""")
                .param("org", orgId).query(String.class).list();
    }

    /** Every node of its chains, retired ones included. */
    List<UUID> nodes(UUID orgId) {
        return jdbc.sql("""
                        select n.id from registry.node n join registry.chain c on c.id = n.chain_id
                         where c.org_id = :org order by n.created_at, n.id""")
                .param("org", orgId).query(UUID.class).list();
    }

    /**
     * Removes everything listed in the class description except the nodes (removed before, by the node service) and
     * the organization's row; returns how many of each were removed.
     */
    Removed removeAllBut(UUID orgId) {
        Removed removed = new Removed();
        removed.put("nodeStatuses", update("delete from registry.node_status where org_id = :org", orgId));
        removed.put("nodeHistoryPoints", update("delete from registry.node_history where org_id = :org", orgId));
        // contracts on its chains (whoever deployed them) and those it deployed, with their revisions; then its
        // signing keys (their secrets go with the organization's other secrets, below)
        update("""
                delete from registry.contract_revision
                 where contract_id in (select id from registry.contract
                                        where org_id = :org
                                           or chain_id in (select id from registry.chain where org_id = :org))""",
                orgId);
        removed.put("contracts", update("""
                delete from registry.contract
                 where org_id = :org or chain_id in (select id from registry.chain where org_id = :org)""", orgId));
        removed.put("signingKeys", update("delete from registry.signing_key where org_id = :org", orgId));
        // links of chains to platforms: its chains, its platforms, its business chains
        update("""
                delete from registry.platform_chain
                 where chain_id in (select id from registry.chain where org_id = :org)
                    or platform_id in (select id from registry.platform where org_id = :org)
                    or business_chain_id in (select id from registry.business_chain where owner_org_id = :org)""",
                orgId);
        removed.put("chains", update("delete from registry.chain where org_id = :org", orgId));
        // blockchains it owns (anywhere), its places in others' blockchains and business chains
        removed.put("blockchains", update("""
                delete from registry.blockchain
                 where owner_org_id = :org
                    or business_chain_id in (select id from registry.business_chain where owner_org_id = :org)""",
                orgId));
        update("delete from registry.blockchain_org where org_id = :org", orgId);
        update("delete from registry.business_chain_member where org_id = :org", orgId);
        removed.put("businessChains", update("delete from registry.business_chain where owner_org_id = :org", orgId));
        // alliances it leads (none has another member: checked before) are marked deleted, as the delete task does
        removed.put("alliances", update("""
                update registry.alliance set status = 'DELETED', updated_at = now(), version = version + 1
                 where creator_org_id = :org and status <> 'DELETED'""", orgId));
        removed.put("allianceMemberships", update("delete from registry.alliance_member where org_id = :org", orgId));
        // its tasks (join requests, provisioning, platform registrations ...) with what hangs on them
        update("""
                delete from registry.provisioning_output
                 where task_id in (select id from registry.task where org_id = :org)""", orgId);
        removed.put("tasks", update("delete from registry.task where org_id = :org", orgId));
        removed.put("notifications", update("delete from registry.notification where org_id = :org", orgId));
        removed.put("apiKeys", update("delete from registry.api_key where org_id = :org", orgId));
        removed.put("fabricIdentities", update("delete from registry.fabric_identity where org_id = :org", orgId));
        removed.put("resourceSpaces", update("delete from registry.resource_space where org_id = :org", orgId));
        update("""
                delete from registry.reconciliation_run
                 where org_id = :org or platform_id in (select id from registry.platform where org_id = :org)""",
                orgId);
        removed.put("platforms", update("delete from registry.platform where org_id = :org", orgId));
        removed.put("quotaOverrides", update("delete from registry.quota_override where org_id = :org", orgId));
        removed.put("secrets", update("delete from registry.secret where org_id = :org", orgId));
        return removed;
    }

    private int update(String sql, UUID orgId) {
        return jdbc.sql(sql).param("org", orgId).update();
    }

    /** How many of each kind of record were removed, in the order they were (the audit entry's "removed"). */
    static final class Removed extends java.util.LinkedHashMap<String, Integer> {
    }
}
