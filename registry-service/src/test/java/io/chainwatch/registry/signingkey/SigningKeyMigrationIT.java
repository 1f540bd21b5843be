package io.chainwatch.registry.signingkey;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.testkit.SharedServers;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V12 on a database with contracts deployed before signing keys (each with its own copy of the deployer's
 * key): one signing key per organization and deployer address takes the key over, the copies are forgotten, and
 * every contract gets its key, its implementation (its own address) and revision 1. On the embedded PostgreSQL, in a
 * database of its own.
 */
@EmbeddedServers(postgres = true)
class SigningKeyMigrationIT {

    @Test
    void contractsDeployedBeforeSigningKeysGetOneKeyPerDeployer() throws SQLException {
        String url = SharedServers.newDatabase("v12");
        Flyway.configure().dataSource(url, "postgres", "postgres").schemas("registry").defaultSchema("registry")
                .locations("classpath:db/migration").target("11").load().migrate();

        SingleConnectionDataSource source = new SingleConnectionDataSource(url, "postgres", "postgres", true);
        try {
            JdbcClient jdbc = JdbcClient.create(source);
            UUID org = UUID.randomUUID();
            UUID chain = UUID.randomUUID();
            jdbc.sql("insert into registry.organization (id, name, contact_email, created_at) values (?, 'o', 'o@x', now())")
                    .params(org).update();
            jdbc.sql("insert into registry.chain (id, org_id, name, platform, created_at) values (?, ?, 'c', 'ETHEREUM', now())")
                    .params(chain, org).update();
            // contracts a and b by one deployer (two copies of its key), c by another
            UUID keyA = secret(jdbc, org);
            UUID keyB = secret(jdbc, org);
            UUID keyC = secret(jdbc, org);
            contract(jdbc, chain, org, "a", "0x" + "a1".repeat(20), "0x" + "d1".repeat(20), keyA, "2026-01-01T00:00:00Z");
            contract(jdbc, chain, org, "b", "0x" + "b1".repeat(20), "0x" + "D1".repeat(20), keyB, "2026-01-02T00:00:00Z");
            contract(jdbc, chain, org, "c", "0x" + "c1".repeat(20), "0x" + "d2".repeat(20), keyC, "2026-01-03T00:00:00Z");

            Flyway.configure().dataSource(url, "postgres", "postgres").schemas("registry").defaultSchema("registry")
                    .locations("classpath:db/migration").load().migrate();

            List<String> keys = jdbc.sql("select address || ' ' || key_secret_id || ' ' || origin"
                    + " from registry.signing_key order by address").query(String.class).list();
            assertThat(keys).containsExactly("0x" + "d1".repeat(20) + " " + keyA + " IMPORTED",
                    "0x" + "d2".repeat(20) + " " + keyC + " IMPORTED");
            assertThat(jdbc.sql("select count(*) from registry.secret where id = ?").params(keyB).query(Long.class)
                    .single()).as("the second copy is forgotten").isZero();
            List<String> contracts = jdbc.sql("select c.name || ' ' || k.address || ' ' || (c.implementation = c.address)"
                    + " || ' ' || c.revision from registry.contract c join registry.signing_key k on k.id = c.signing_key_id"
                    + " order by c.name").query(String.class).list();
            assertThat(contracts).containsExactly("a 0x" + "d1".repeat(20) + " true 1",
                    "b 0x" + "d1".repeat(20) + " true 1", "c 0x" + "d2".repeat(20) + " true 1");
            assertThat(jdbc.sql("select count(*) from registry.contract_revision where revision = 1 and"
                    + " implementation = (select address from registry.contract where id = contract_id)")
                    .query(Long.class).single()).isEqualTo(3);
        } finally {
            source.destroy();
        }
    }

    private static UUID secret(JdbcClient jdbc, UUID org) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into registry.secret (id, org_id, purpose, key_id, ciphertext, fingerprint, created_at)"
                + " values (?, ?, 'deployer-key', 'k1', ?, 'hmac:0', now())").params(id, org, new byte[] {1}).update();
        return id;
    }

    private static void contract(JdbcClient jdbc, UUID chain, UUID org, String name, String address, String deployer,
            UUID secret, String at) {
        jdbc.sql("""
                        insert into registry.contract (id, chain_id, org_id, name, address, abi, tx_hash, deployer,
                            deployer_key_secret_id, block_number, created_at)
                        values (?, ?, ?, ?, ?, '[]'::jsonb, ?, ?, ?, 1, ?::timestamptz)""")
                .params(UUID.randomUUID(), chain, org, name, address, "0x" + "ee".repeat(32), deployer, secret, at)
                .update();
    }
}
