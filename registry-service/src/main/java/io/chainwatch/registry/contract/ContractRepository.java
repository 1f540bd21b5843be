package io.chainwatch.registry.contract;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tables {@code registry.contract} and {@code registry.contract_revision}. */
@Repository
class ContractRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContractRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Contract c) {
        jdbc.sql("""
                        insert into registry.contract (id, chain_id, org_id, name, address, abi, tx_hash, deployer,
                            signing_key_id, block_number, created_at, version, upgradeable, implementation, revision)
                        values (:id, :chainId, :orgId, :name, :address, cast(:abi as jsonb), :txHash, :deployer, :key,
                            :block, :createdAt, 1, :upgradeable, :implementation, 1)""")
                .param("id", c.id()).param("chainId", c.chainId()).param("orgId", c.orgId()).param("name", c.name())
                .param("address", c.address()).param("abi", json.writeValueAsString(c.abi()))
                .param("txHash", c.txHash()).param("deployer", c.deployer()).param("key", c.signingKeyId())
                .param("block", c.blockNumber())
                .param("createdAt", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC))
                .param("upgradeable", c.upgradeable()).param("implementation", c.implementation())
                .update();
    }

    void insertRevision(UUID contractId, ContractRevision r) {
        jdbc.sql("""
                        insert into registry.contract_revision (contract_id, revision, implementation, abi, tx_hash,
                            upgrade_tx_hash, block_number, signer, signing_key_id, created_at)
                        values (:contractId, :revision, :implementation, cast(:abi as jsonb), :txHash, :upgradeTxHash,
                            :block, :signer, :key, :createdAt)""")
                .param("contractId", contractId).param("revision", r.revision())
                .param("implementation", r.implementation()).param("abi", json.writeValueAsString(r.abi()))
                .param("txHash", r.txHash()).param("upgradeTxHash", r.upgradeTxHash()).param("block", r.blockNumber())
                .param("signer", r.signer()).param("key", r.signingKeyId())
                .param("createdAt", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /**
     * Points the contract at a new implementation; {@code false} when its revision is no longer {@code revision}
     * (upgraded meanwhile) or it was terminated meanwhile.
     */
    boolean upgrade(UUID id, int revision, String implementation, JsonNode abi, UUID signingKeyId) {
        return jdbc.sql("""
                        update registry.contract set implementation = :implementation, abi = cast(:abi as jsonb),
                            revision = revision + 1, signing_key_id = :key, version = version + 1
                        where id = :id and revision = :revision and terminated_at is null""")
                .param("id", id).param("revision", revision).param("implementation", implementation)
                .param("abi", json.writeValueAsString(abi)).param("key", signingKeyId).update() == 1;
    }

    List<ContractRevision> revisions(UUID contractId) {
        return jdbc.sql("select * from registry.contract_revision where contract_id = :id order by revision")
                .param("id", contractId)
                .query((rs, row) -> new ContractRevision(rs.getInt("revision"), rs.getString("implementation"),
                        json.readTree(rs.getString("abi")), rs.getString("tx_hash"), rs.getString("upgrade_tx_hash"),
                        rs.getLong("block_number"), rs.getString("signer"), rs.getObject("signing_key_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    boolean nameTaken(UUID chainId, String name) {
        return jdbc.sql("select count(*) from registry.contract where chain_id = :chainId and name = :name")
                .param("chainId", chainId).param("name", name).query(Long.class).single() > 0;
    }

    Optional<Contract> findById(UUID id) {
        return jdbc.sql("select * from registry.contract where id = :id").param("id", id).query(this::map).optional();
    }

    Page<Contract> find(UUID chainId, UUID orgId, String address, PageRequest page) {
        Where where = new Where().and("chain_id = :chainId", "chainId", chainId).and("org_id = :orgId", "orgId", orgId)
                .and("lower(address) = lower(:address)", "address", address);
        return where.page(jdbc, "*", "from registry.contract", "created_at, id", page, this::map);
    }

    private Contract map(ResultSet rs, int row) throws SQLException {
        return new Contract(rs.getObject("id", UUID.class), rs.getObject("chain_id", UUID.class),
                rs.getObject("org_id", UUID.class), rs.getString("name"), rs.getString("address"),
                json.readTree(rs.getString("abi")), rs.getString("tx_hash"), rs.getString("deployer"),
                rs.getObject("signing_key_id", UUID.class), rs.getLong("block_number"),
                instant(rs.getObject("created_at", OffsetDateTime.class)), rs.getLong("version"),
                instant(rs.getObject("terminated_at", OffsetDateTime.class)), rs.getBoolean("upgradeable"),
                rs.getString("implementation"), rs.getInt("revision"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Marks the contract terminated; {@code false} when it was already (or does not exist). */
    boolean terminate(UUID id, String reason) {
        return jdbc.sql("update registry.contract set terminated_at = now(), terminated_reason = :reason,"
                        + " version = version + 1 where id = :id and terminated_at is null")
                .param("id", id).param("reason", reason).update() == 1;
    }
}
