package io.chainwatch.alert.it;

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
 * Migration V11 on a database written while node ids were text: the alert tables' node and chain id columns become
 * {@code uuid} with every value kept, the alert API's view answers again, and a rule scoped to an alliance by an id
 * that is no UUID (it never matched a node) still loads, scoped to the nil UUID. On the embedded PostgreSQL, in a
 * database of its own.
 */
@EmbeddedServers(postgres = true)
class NodeIdsMigrationIT {

    @Test
    void textIdsBecomeUuidsAndEveryRowIsKept() {
        String url = SharedServers.newDatabase("alert_v11");
        Flyway.configure().dataSource(url, "postgres", "postgres").schemas("alert").defaultSchema("alert")
                .locations("classpath:db/migration").target("10").load().migrate();
        SingleConnectionDataSource source = new SingleConnectionDataSource(url, "postgres", "postgres", true);
        try {
            JdbcClient jdbc = JdbcClient.create(source);
            UUID org = UUID.randomUUID();
            UUID chain = UUID.randomUUID();
            UUID node = UUID.randomUUID();
            UUID scoped = UUID.randomUUID();
            UUID badlyScoped = UUID.randomUUID();
            UUID alliance = UUID.randomUUID();
            for (UUID rule : List.of(scoped, badlyScoped)) {
                jdbc.sql("""
                        insert into alert.rule (id, org_id, chain_id, type, for_seconds, severity, email_to, spec)
                        values (?, ?, ?, 'node_unreachable', 5, 'critical', '[]', cast(? as jsonb))""")
                        .params(rule, org, chain, """
                                {"type": "node_unreachable", "id": "%s", "orgId": "%s", "chainId": "%s",
                                 "forSeconds": 5, "options": {"allianceId": "%s"}}"""
                                .formatted(rule, org, chain, rule == scoped ? alliance : "alliance-1"))
                        .update();
            }
            jdbc.sql("""
                    insert into alert.alert (fingerprint, rule_id, rule_type, severity, org_id, chain_id, node_id, status,
                                             started_at, summary, updated_at)
                    values ('fp-node', ?, 'node_unreachable', 'critical', ?, ?, ?, 'FIRING', now(), 's', now()),
                           ('fp-chain', ?, 'chain_stalled', 'critical', ?, ?, null, 'FIRING', now(), 's', now())""")
                    .params(scoped, org, chain, node.toString(), scoped, org, chain).update();
            jdbc.sql("""
                    insert into alert.alert_history (fingerprint, started_at, rule_id, rule_type, severity, org_id,
                                                     chain_id, node_id, summary)
                    values ('fp-node', now(), ?, 'node_unreachable', 'critical', ?, ?, ?, 's')""")
                    .params(scoped, org, chain, node.toString()).update();
            jdbc.sql("""
                    insert into alert.pending_condition (fingerprint, chain_id, node_id, since, rule_id, org_id,
                                                         rule_type, severity, summary)
                    values ('fp-pending', ?, ?, now(), ?, ?, 'node_unreachable', 'critical', 'p')""")
                    .params(chain.toString(), node.toString(), scoped, org).update();

            Flyway.configure().dataSource(url, "postgres", "postgres").schemas("alert").defaultSchema("alert")
                    .locations("classpath:db/migration").load().migrate();

            assertThat(jdbc.sql("""
                    select table_name || '.' || column_name || ' ' || data_type from information_schema.columns
                     where table_schema = 'alert' and column_name in ('node_id', 'chain_id')
                       and table_name in ('alert', 'alert_history', 'pending_condition', 'alert_view')
                     order by 1""").query(String.class).list())
                    .containsExactly("alert.chain_id uuid", "alert.node_id uuid", "alert_history.chain_id uuid",
                            "alert_history.node_id uuid", "alert_view.chain_id uuid", "alert_view.node_id uuid",
                            "pending_condition.chain_id uuid", "pending_condition.node_id uuid");
            assertThat(jdbc.sql("select fingerprint, node_id from alert.alert_view order by fingerprint")
                    .query((rs, i) -> rs.getString(1) + " " + rs.getObject(2, UUID.class)).list())
                    .containsExactly("fp-chain null", "fp-node " + node, "fp-pending " + node);
            assertThat(jdbc.sql("select node_id from alert.alert_history").query(UUID.class).single()).isEqualTo(node);
            assertThat(jdbc.sql("select spec #>> '{options,allianceId}' from alert.rule where id = ?").params(scoped)
                    .query(String.class).single()).as("a UUID scope is kept").isEqualTo(alliance.toString());
            assertThat(jdbc.sql("select spec #>> '{options,allianceId}' from alert.rule where id = ?")
                    .params(badlyScoped).query(String.class).single())
                    .isEqualTo("00000000-0000-0000-0000-000000000000");
        } finally {
            source.destroy();
        }
    }
}
