package io.chainwatch.registry.contract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Table {@code registry.contract}. */
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
                            deployer_key_secret_id, block_number, created_at, version)
                        values (:id, :chainId, :orgId, :name, :address, cast(:abi as jsonb), :txHash, :deployer, :key,
                            :block, :createdAt, 1)""")
                .param("id", c.id()).param("chainId", c.chainId()).param("orgId", c.orgId()).param("name", c.name())
                .param("address", c.address()).param("abi", json.writeValueAsString(c.abi()))
                .param("txHash", c.txHash()).param("deployer", c.deployer()).param("key", c.deployerKeySecretId())
                .param("block", c.blockNumber())
                .param("createdAt", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC))
                .update();
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
                rs.getObject("deployer_key_secret_id", UUID.class), rs.getLong("block_number"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getLong("version"),
                rs.getObject("terminated_at", OffsetDateTime.class) == null ? null
                        : rs.getObject("terminated_at", OffsetDateTime.class).toInstant());
    }

    /** Marks the contract terminated; {@code false} when it was already (or does not exist). */
    boolean terminate(UUID id, String reason) {
        return jdbc.sql("update registry.contract set terminated_at = now(), terminated_reason = :reason,"
                        + " version = version + 1 where id = :id and terminated_at is null")
                .param("id", id).param("reason", reason).update() == 1;
    }
}
