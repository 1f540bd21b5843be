package io.chainwatch.registry.provisioning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code registry.provisioning_output} and {@code registry.platform_chain}. */
@Repository
public class ProvisioningRepository {

    /** A monitored chain that runs on a registered platform. */
    public record PlatformChain(UUID chainId, String chainName, UUID orgId, UUID platformId, UUID businessChainId,
            String networkId, String externalChainId, UUID taskId, Instant createdAt) {
    }

    private static final String SELECT = """
            select p.*, c.name as chain_name, c.org_id from registry.platform_chain p
            join registry.chain c on c.id = p.chain_id""";

    private final JdbcClient jdbc;

    ProvisioningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void putOutput(UUID taskId, String name, String value) {
        jdbc.sql("""
                        insert into registry.provisioning_output (task_id, name, value) values (:task, :name, :value)
                        on conflict (task_id, name) do update set value = excluded.value""")
                .param("task", taskId).param("name", name).param("value", value).update();
    }

    Optional<String> output(UUID taskId, String name) {
        return jdbc.sql("select value from registry.provisioning_output where task_id = :task and name = :name")
                .param("task", taskId).param("name", name).query(String.class).optional();
    }

    void deleteOutput(UUID taskId, String name) {
        jdbc.sql("delete from registry.provisioning_output where task_id = :task and name = :name")
                .param("task", taskId).param("name", name).update();
    }

    void insert(PlatformChain chain) {
        jdbc.sql("""
                        insert into registry.platform_chain (chain_id, platform_id, business_chain_id, network_id,
                            external_chain_id, task_id, created_at)
                        values (:chain, :platform, :bc, :network, :external, :task, :at)""")
                .param("chain", chain.chainId())
                .param("platform", chain.platformId())
                .param("bc", chain.businessChainId())
                .param("network", chain.networkId())
                .param("external", chain.externalChainId())
                .param("task", chain.taskId())
                .param("at", OffsetDateTime.ofInstant(chain.createdAt(), ZoneOffset.UTC))
                .update();
    }

    void delete(UUID chainId) {
        jdbc.sql("delete from registry.platform_chain where chain_id = :id").param("id", chainId).update();
    }

    /** The chains provisioned for a business chain, oldest first. */
    public List<PlatformChain> ofBusinessChain(UUID businessChainId) {
        return jdbc.sql(SELECT + " where p.business_chain_id = :id order by p.created_at, c.name")
                .param("id", businessChainId).query(this::map).list();
    }

    /** The platform a monitored chain runs on, if it runs on a registered one. */
    public Optional<PlatformChain> ofChain(UUID chainId) {
        return jdbc.sql(SELECT + " where p.chain_id = :id").param("id", chainId).query(this::map).optional();
    }

    /** The monitored chains that run on a platform, oldest first. */
    public List<PlatformChain> ofPlatform(UUID platformId) {
        return jdbc.sql(SELECT + " where p.platform_id = :id order by p.created_at, c.name")
                .param("id", platformId).query(this::map).list();
    }

    /** Platforms that run at least one monitored chain. */
    /** The platforms that run monitored chains, of organizations that are not deactivated. */
    public List<UUID> platformsWithChains() {
        return jdbc.sql("""
                        select distinct pc.platform_id from registry.platform_chain pc
                        join registry.platform p on p.id = pc.platform_id
                        join registry.organization o on o.id = p.org_id
                        where o.deactivated_at is null""").query(UUID.class).list();
    }

    private PlatformChain map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PlatformChain(rs.getObject("chain_id", UUID.class), rs.getString("chain_name"),
                rs.getObject("org_id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("business_chain_id", UUID.class), rs.getString("network_id"),
                rs.getString("external_chain_id"), rs.getObject("task_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
