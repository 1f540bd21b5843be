package io.chainwatch.registry.businesschain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Tables {@code business_chain}, {@code business_chain_member}, {@code blockchain}, {@code blockchain_org}. */
@Repository
class BusinessChainRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BusinessChainRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- business chains -----------------------------------------------------------------------------------

    void insert(BusinessChain chain) {
        jdbc.sql("""
                        insert into registry.business_chain (id, alliance_id, owner_org_id, name, create_mode, created_at, version)
                        values (:id, :allianceId, :owner, :name, :mode, :createdAt, 1)""")
                .param("id", chain.id())
                .param("allianceId", chain.allianceId())
                .param("owner", chain.ownerOrgId())
                .param("name", chain.name())
                .param("mode", chain.createMode().name())
                .param("createdAt", utc(chain.createdAt()))
                .update();
        setMembers(chain.id(), chain.memberOrgIds());
    }

    boolean update(BusinessChain chain, long expectedVersion) {
        boolean updated = jdbc.sql("""
                        update registry.business_chain set name = :name, create_mode = :mode, updated_at = now(),
                            version = version + 1
                        where id = :id and version = :expected""")
                .param("id", chain.id())
                .param("name", chain.name())
                .param("mode", chain.createMode().name())
                .param("expected", expectedVersion)
                .update() == 1;
        if (updated) {
            jdbc.sql("delete from registry.business_chain_member where business_chain_id = :id").param("id", chain.id())
                    .update();
            setMembers(chain.id(), chain.memberOrgIds());
        }
        return updated;
    }

    void deleteChain(UUID id) {
        jdbc.sql("delete from registry.business_chain where id = :id").param("id", id).update();
    }

    private void setMembers(UUID chainId, List<UUID> members) {
        for (UUID orgId : members) {
            jdbc.sql("insert into registry.business_chain_member (business_chain_id, org_id) values (:id, :orgId)")
                    .param("id", chainId).param("orgId", orgId).update();
        }
    }

    Optional<BusinessChain> findChain(UUID id, boolean lock) {
        return jdbc.sql("select * from registry.business_chain where id = :id" + (lock ? " for update" : ""))
                .param("id", id).query(this::mapChain).optional();
    }

    long blockchainCount(UUID chainId) {
        return jdbc.sql("select count(*) from registry.blockchain where business_chain_id = :id").param("id", chainId)
                .query(Long.class).single();
    }

    record ChainQuery(UUID allianceId, UUID orgId, CreateMode createMode) {
    }

    Page<BusinessChain> findChains(ChainQuery query, PageRequest page) {
        Where where = new Where()
                .and("b.alliance_id = :allianceId", "allianceId", query.allianceId())
                .and("exists (select 1 from registry.business_chain_member m where m.business_chain_id = b.id"
                        + " and m.org_id = :orgId)", "orgId", query.orgId())
                .and("b.create_mode = :mode", "mode", query.createMode());
        return where.page(jdbc, "b.*", "from registry.business_chain b", "b.created_at, b.id", page, this::mapChain);
    }

    private BusinessChain mapChain(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new BusinessChain(id, rs.getObject("alliance_id", UUID.class), rs.getObject("owner_org_id", UUID.class),
                rs.getString("name"), CreateMode.valueOf(rs.getString("create_mode")),
                ids("select org_id from registry.business_chain_member where business_chain_id = :id order by org_id", id),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(), rs.getLong("version"));
    }

    // --- blockchains ---------------------------------------------------------------------------------------

    void insert(Blockchain chain) {
        jdbc.sql("""
                        insert into registry.blockchain (id, business_chain_id, owner_org_id, name, external_id, cloud_type,
                            extra_info, infra_spec, block_spec, created_at, version)
                        values (:id, :bc, :owner, :name, :externalId, :cloudType, cast(:extra as jsonb),
                            cast(:infra as jsonb), cast(:block as jsonb), :createdAt, 1)""")
                .param("id", chain.id())
                .param("bc", chain.businessChainId())
                .param("owner", chain.ownerOrgId())
                .param("name", chain.name())
                .param("externalId", chain.externalId())
                .param("cloudType", chain.cloudType())
                .param("extra", json.writeValueAsString(chain.extraInfo()))
                .param("infra", json.writeValueAsString(chain.infraSpec()))
                .param("block", json.writeValueAsString(chain.blockSpec()))
                .param("createdAt", utc(chain.createdAt()))
                .update();
        setOrgs(chain.id(), chain.orgIds());
    }

    boolean update(Blockchain chain, long expectedVersion) {
        boolean updated = jdbc.sql("""
                        update registry.blockchain set name = :name, external_id = :externalId, cloud_type = :cloudType,
                            extra_info = cast(:extra as jsonb), infra_spec = cast(:infra as jsonb),
                            block_spec = cast(:block as jsonb), updated_at = now(), version = version + 1
                        where id = :id and version = :expected""")
                .param("id", chain.id())
                .param("name", chain.name())
                .param("externalId", chain.externalId())
                .param("cloudType", chain.cloudType())
                .param("extra", json.writeValueAsString(chain.extraInfo()))
                .param("infra", json.writeValueAsString(chain.infraSpec()))
                .param("block", json.writeValueAsString(chain.blockSpec()))
                .param("expected", expectedVersion)
                .update() == 1;
        if (updated) {
            jdbc.sql("delete from registry.blockchain_org where blockchain_id = :id").param("id", chain.id()).update();
            setOrgs(chain.id(), chain.orgIds());
        }
        return updated;
    }

    void deleteBlockchain(UUID id) {
        jdbc.sql("delete from registry.blockchain where id = :id").param("id", id).update();
    }

    private void setOrgs(UUID chainId, List<UUID> orgs) {
        for (UUID orgId : orgs) {
            jdbc.sql("insert into registry.blockchain_org (blockchain_id, org_id) values (:id, :orgId)")
                    .param("id", chainId).param("orgId", orgId).update();
        }
    }

    Optional<Blockchain> findBlockchain(UUID id, boolean lock) {
        return jdbc.sql("select * from registry.blockchain where id = :id" + (lock ? " for update" : ""))
                .param("id", id).query(this::mapBlockchain).optional();
    }

    /** Filters of {@link #findBlockchains}; {@code orgId}: blockchains it owns or takes part in. */
    record BlockchainQuery(UUID businessChainId, UUID orgId, String cloudType, String externalId) {
    }

    Page<Blockchain> findBlockchains(BlockchainQuery query, PageRequest page) {
        Where where = new Where()
                .and("b.business_chain_id = :bc", "bc", query.businessChainId())
                .and("(b.owner_org_id = :orgId or exists (select 1 from registry.blockchain_org o"
                        + " where o.blockchain_id = b.id and o.org_id = :orgId))", "orgId", query.orgId())
                .and("b.cloud_type = :cloudType", "cloudType", query.cloudType())
                .and("b.external_id = :externalId", "externalId", query.externalId());
        return where.page(jdbc, "b.*", "from registry.blockchain b", "b.created_at, b.id", page, this::mapBlockchain);
    }

    private Blockchain mapBlockchain(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Blockchain(id, rs.getObject("business_chain_id", UUID.class), rs.getObject("owner_org_id", UUID.class),
                rs.getString("name"), rs.getString("external_id"), rs.getString("cloud_type"),
                ids("select org_id from registry.blockchain_org where blockchain_id = :id order by org_id", id),
                json.readTree(rs.getString("extra_info")), json.readTree(rs.getString("infra_spec")),
                json.readTree(rs.getString("block_spec")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(), rs.getLong("version"));
    }

    private List<UUID> ids(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query((rs, row) -> rs.getObject(1, UUID.class)).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
