package io.chainwatch.registry.nodestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.SamplePublisher;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Node and chain status as people and business servers read them: samples published to {@code chainwatch.samples}
 * (embedded Kafka) as the collector publishes them, the status API's answers, the state changes in PostgreSQL
 * (embedded), organization scoping and bad ids.
 */
class NodeStatusIT extends RegistryTestBase {

    private SamplePublisher samples;

    @org.springframework.beans.factory.annotation.Autowired
    private NodeHistoryStore historyStore;

    @BeforeEach
    void connect() {
        samples = new SamplePublisher();
    }

    @AfterEach
    void disconnect() {
        samples.close();
    }

    private record Setup(String org, String chain, String node1, String node2) {
    }

    private Setup setup(long pollIntervalMs) {
        String org = createOrganization("status");
        String chain = post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"main\", \"platform\": \"ETHEREUM\"}")
                .field("id");
        String node1 = post("/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"geth-1\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\", \"pollIntervalMs\": " + pollIntervalMs + "}").field("id");
        String node2 = post("/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"geth-2\","
                + " \"rpcUrl\": \"http://127.0.0.1:8546\", \"pollIntervalMs\": " + pollIntervalMs + "}").field("id");
        return new Setup(org, chain, node1, node2);
    }

    private void publish(NodeSample sample) {
        samples.publish(sample);
    }

    private static NodeSample ok(Setup s, String node, long at, double height) {
        return new NodeSample(UUID.fromString(node), UUID.fromString(s.chain()), UUID.fromString(s.org()), at,
                PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, height, Readings.PEER_COUNT, 5.0),
                Map.of(Readings.CAPABILITIES, "batch,txpool_status", Readings.RPC_MODE, "batch",
                        Readings.CLIENT_VERSION, "Geth/v1.14"),
                List.of(Readings.BASE_FEE_WEI), null);
    }

    private static NodeSample erroring(Setup s, String node, long at) {
        return new NodeSample(UUID.fromString(node), UUID.fromString(s.chain()), UUID.fromString(s.org()), at,
                PollOutcome.ERRORING,
                "JSON-RPC error -32000: database corrupted (eth_blockNumber)", Map.of(), Map.of(), List.of(), null);
    }

    /** The first sample, repeated (with a fresh time) until the registry's consumer has it. */
    private void first(Setup s, String node, double height) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(ok(s, node, System.currentTimeMillis(), height));
            return "up".equals(get("/api/v1/nodes/" + node + "/status").field("state"));
        });
    }

    @Test
    void aNodesStateSinceWhenItsLastErrorReadingsAndCapabilitiesAndEveryChangeDurably() {
        Setup s = setup(60_000);
        first(s, s.node1(), 100);
        long t = System.currentTimeMillis();
        publish(ok(s, s.node1(), t, 101));
        // the failed polls as JSON, as from a collector not upgraded yet to the binary form: both forms are read
        samples.publishAsJson(erroring(s, s.node1(), t + 1000));
        samples.publishAsJson(erroring(s, s.node1(), t + 2000));
        await().atMost(Duration.ofSeconds(10)).until(() -> "erroring".equals(get("/api/v1/nodes/" + s.node1() + "/status").field("state")));

        JsonNode status = get("/api/v1/nodes/" + s.node1() + "/status").json();
        assertThat(status.path("nodeId").asString()).isEqualTo(s.node1());
        assertThat(status.path("name").asString()).isEqualTo("geth-1");
        assertThat(Instant.parse(status.path("since").asString())).isEqualTo(Instant.ofEpochMilli(t + 1000));
        assertThat(status.path("lastError").path("message").asString())
                .isEqualTo("JSON-RPC error -32000: database corrupted (eth_blockNumber)");
        assertThat(Instant.parse(status.path("lastError").path("at").asString())).isEqualTo(Instant.ofEpochMilli(t + 2000));
        assertThat(status.path("latest").path("outcome").asString()).isEqualTo("ERRORING");

        publish(ok(s, s.node1(), t + 3000, 105));
        await().atMost(Duration.ofSeconds(10)).until(() -> "up".equals(get("/api/v1/nodes/" + s.node1() + "/status").field("state")));
        status = get("/api/v1/nodes/" + s.node1() + "/status").json();
        assertThat(Instant.parse(status.path("since").asString())).isEqualTo(Instant.ofEpochMilli(t + 3000));
        assertThat(status.path("latest").path("readings").path(Readings.BLOCK_HEIGHT).asDouble()).isEqualTo(105.0);
        assertThat(Instant.parse(status.path("latest").path("polledAt").asString())).isEqualTo(Instant.ofEpochMilli(t + 3000));
        assertThat(status.path("latest").path("info").path(Readings.CLIENT_VERSION).asString()).isEqualTo("Geth/v1.14");
        assertThat(status.path("latest").path("unsupported").toString()).contains(Readings.BASE_FEE_WEI);
        assertThat(status.path("capabilities").toString()).isEqualTo("[\"batch\",\"txpool_status\"]");
        assertThat(status.path("rpcMode").asString()).isEqualTo("batch");
        assertThat(status.path("lastError").path("message").asString()).as("kept after recovery").contains("-32000");
        // the chain's view says when that error was: before the node came up again
        JsonNode row = get("/api/v1/chains/" + s.chain() + "/status").json().path("nodes").valueStream()
                .filter(n -> n.path("nodeId").asString().equals(s.node1())).findFirst().orElseThrow();
        assertThat(row.path("state").asString()).isEqualTo("up");
        assertThat(row.path("lastError").asString()).contains("-32000");
        assertThat(Instant.parse(row.path("lastErrorAt").asString())).isEqualTo(Instant.ofEpochMilli(t + 2000))
                .isBefore(Instant.parse(row.path("since").asString()));

        // a redelivered older sample changes nothing
        publish(erroring(s, s.node1(), t + 2500));
        publish(ok(s, s.node1(), t + 4000, 106));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/nodes/" + s.node1() + "/status").json()
                .path("latest").path("readings").path(Readings.BLOCK_HEIGHT).asDouble() == 106.0);

        List<Map<String, Object>> changes = jdbc.sql("select from_state, to_state, changed_at, reason, chain_id, org_id"
                        + " from registry.node_state_change where node_id = :node order by id")
                .param("node", UUID.fromString(s.node1())).query().listOfRows();
        assertThat(changes).extracting(r -> r.get("from_state") + "→" + r.get("to_state"))
                .containsExactly("null→up", "up→erroring", "erroring→up");
        assertThat(changes.get(1).get("reason")).isEqualTo("JSON-RPC error -32000: database corrupted (eth_blockNumber)");
        assertThat(changes.get(1).get("org_id")).isEqualTo(UUID.fromString(s.org()));
        assertThat(changes.get(1).get("chain_id")).isEqualTo(UUID.fromString(s.chain()));

        assertThatThrownBy(() -> jdbc.sql("delete from registry.node_state_change where node_id = :node")
                .param("node", UUID.fromString(s.node1())).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update registry.node_state_change set reason = 'x' where node_id = :node")
                .param("node", UUID.fromString(s.node1())).update()).hasMessageContaining("append-only");
    }

    @Test
    void aChainsNodesWithTheirStateHeightAndLagBehindTheBestNode() {
        Setup s = setup(60_000);
        first(s, s.node1(), 120);
        long t = System.currentTimeMillis();
        publish(ok(s, s.node2(), t, 117));
        await().atMost(Duration.ofSeconds(10)).until(() -> "up".equals(get("/api/v1/nodes/" + s.node2() + "/status").field("state")));

        JsonNode chain = get("/api/v1/chains/" + s.chain() + "/status").json();
        assertThat(chain.path("bestHeight").asDouble()).isEqualTo(120.0);
        assertThat(chain.path("nodes")).hasSize(2);
        for (JsonNode node : chain.path("nodes")) {
            assertThat(node.path("state").asString()).isEqualTo("up");
            if (node.path("nodeId").asString().equals(s.node1())) {
                assertThat(node.path("height").asDouble()).isEqualTo(120.0);
                assertThat(node.path("lagBlocks").asDouble()).isZero();
            } else {
                assertThat(node.path("name").asString()).isEqualTo("geth-2");
                assertThat(node.path("height").asDouble()).isEqualTo(117.0);
                assertThat(node.path("lagBlocks").asDouble()).isEqualTo(3.0);
            }
        }
    }

    @Test
    void aNodeWithoutSamplesForThreePollIntervalsIsNoData() {
        Setup s = setup(1000);
        assertThat(get("/api/v1/nodes/" + s.node2() + "/status").field("state")).as("never sampled").isEqualTo("no_data");
        first(s, s.node1(), 10);

        // three 1 s intervals, then the next sweep (every 5 s)
        await().atMost(Duration.ofSeconds(30)).until(() -> "no_data".equals(get("/api/v1/nodes/" + s.node1() + "/status").field("state")));
        List<Map<String, Object>> changes = jdbc.sql("select from_state, to_state, reason from registry.node_state_change"
                        + " where node_id = :node order by id")
                .param("node", UUID.fromString(s.node1())).query().listOfRows();
        assertThat(changes).extracting(r -> r.get("from_state") + "→" + r.get("to_state")).containsExactly("null→up", "up→no_data");
        assertThat((String) changes.get(1).get("reason")).startsWith("no sample since");

        publish(ok(s, s.node1(), System.currentTimeMillis(), 11));
        await().atMost(Duration.ofSeconds(10)).until(() -> "up".equals(get("/api/v1/nodes/" + s.node1() + "/status").field("state")));
    }

    @Test
    void anotherOrganizationSeesNeitherStatus() {
        Setup s = setup(60_000);
        first(s, s.node1(), 7);
        String other = createOrganization("status-other");
        Caller outsider = new Caller("user:admin-other", UUID.fromString(other), Role.ORG_ADMIN);
        Caller insider = new Caller("user:viewer", UUID.fromString(s.org()), Role.VIEWER);

        Response node = as(outsider).get("/api/v1/nodes/" + s.node1() + "/status");
        Response chain = as(outsider).get("/api/v1/chains/" + s.chain() + "/status");
        assertThat(node.status()).isEqualTo(404);
        assertThat(chain.status()).isEqualTo(404);
        assertThat(node.contentType()).startsWith("application/problem+json");
        assertThat(node.body()).doesNotContain("geth-1").doesNotContain("\"up\"");
        assertThat(chain.body()).doesNotContain("geth-1");

        assertThat(as(insider).get("/api/v1/nodes/" + s.node1() + "/status").field("state")).isEqualTo("up");
        assertThat(as(insider).get("/api/v1/chains/" + s.chain() + "/status").status()).isEqualTo(200);
    }

    @Test
    void badAndUnknownIdsAreProblems() {
        Response notAnId = get("/api/v1/nodes/not-a-uuid/status");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/chains/42/status").status()).isEqualTo(400);

        Response unknown = get("/api/v1/nodes/" + UUID.randomUUID() + "/status");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/chains/" + UUID.randomUUID() + "/status").status()).isEqualTo(404);
    }

    @Test
    void historyKeepsEachNodesLatestSampleOfEveryBucketForTheCharts() {
        Setup s = setup(60_000);
        first(s, s.node1(), 100);
        long b = (System.currentTimeMillis() / 10_000 + 1) * 10_000;        // the next 10 s bucket
        Map<String, Double> early = Map.of(Readings.BLOCK_HEIGHT, 200.0, Readings.TPS, 3.0, Readings.PEER_COUNT, 4.0,
                Readings.BLOCK_INTERVAL_SECONDS, 2.0);
        Map<String, Double> late = Map.of(Readings.BLOCK_HEIGHT, 201.0, Readings.TPS, 5.0, Readings.PEER_COUNT, 6.0,
                Readings.BLOCK_INTERVAL_SECONDS, 1.0);
        UUID nodeId = UUID.fromString(s.node1());
        UUID chainId = UUID.fromString(s.chain());
        UUID orgId = UUID.fromString(s.org());
        publish(new NodeSample(nodeId, chainId, orgId, b + 1000, PollOutcome.OK, null, early, Map.of(), List.of(), null));
        publish(new NodeSample(nodeId, chainId, orgId, b + 5000, PollOutcome.OK, null, late, Map.of(), List.of(), null));
        publish(ok(s, s.node1(), b + 11_000, 202));
        publish(erroring(s, s.node2(), b + 2000));
        await().atMost(Duration.ofSeconds(10)).until(() -> "erroring".equals(get("/api/v1/nodes/" + s.node2() + "/status").field("state"))
                && get("/api/v1/nodes/" + s.node1() + "/history").json().path("points").size() >= 3);

        JsonNode chain = get("/api/v1/chains/" + s.chain() + "/history").json();
        assertThat(chain.path("bucketSeconds").asLong()).isEqualTo(10);
        assertThat(Duration.between(Instant.parse(chain.path("from").asString()), Instant.parse(chain.path("to").asString())))
                .isEqualTo(Duration.ofMinutes(60));
        JsonNode node1 = chain.path("nodes").valueStream().filter(n -> n.path("name").asString().equals("geth-1")).findFirst().orElseThrow();
        JsonNode points = node1.path("points");
        JsonNode inB = points.get(points.size() - 2);
        assertThat(Instant.parse(inB.path("at").asString())).isEqualTo(Instant.ofEpochMilli(b));
        assertThat(inB.path("height").asDouble()).as("the bucket's latest sample").isEqualTo(201.0);
        assertThat(inB.path("tps").asDouble()).isEqualTo(5.0);
        assertThat(inB.path("peers").asDouble()).isEqualTo(6.0);
        assertThat(inB.path("blockIntervalSeconds").asDouble()).isEqualTo(1.0);
        JsonNode next = points.get(points.size() - 1);
        assertThat(Instant.parse(next.path("at").asString())).isEqualTo(Instant.ofEpochMilli(b + 10_000));
        assertThat(next.path("height").asDouble()).isEqualTo(202.0);
        assertThat(next.path("tps").isNull()).as("not reported: null, not zero").isTrue();
        JsonNode node2 = chain.path("nodes").valueStream().filter(n -> n.path("name").asString().equals("geth-2")).findFirst().orElseThrow();
        assertThat(node2.path("points")).hasSize(1);
        assertThat(node2.path("points").get(0).path("height").isNull()).as("an erroring poll is a gap").isTrue();
        assertThat(get("/api/v1/nodes/" + s.node1() + "/history?minutes=1").json().path("points").size()).isGreaterThanOrEqualTo(3);

        // older than the retention (24 h): pruned
        jdbc.sql("insert into registry.node_history (node_id, chain_id, org_id, bucket, polled_at, height)"
                + " values (:n, :c, :o, now() - interval '25 hours', now() - interval '25 hours', 1)")
                .param("n", UUID.fromString(s.node1())).param("c", UUID.fromString(s.chain())).param("o", UUID.fromString(s.org()))
                .update();
        assertThat(historyStore.prune()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from registry.node_history where bucket < now() - interval '24 hours'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void historyIsScopedAndBadPeriodsAreProblems() {
        Setup s = setup(60_000);
        first(s, s.node1(), 7);
        Caller outsider = new Caller("user:admin-other", UUID.fromString(createOrganization("history-other")), Role.ORG_ADMIN);
        Response chain = as(outsider).get("/api/v1/chains/" + s.chain() + "/history");
        Response node = as(outsider).get("/api/v1/nodes/" + s.node1() + "/history");
        assertThat(chain.status()).isEqualTo(404);
        assertThat(node.status()).isEqualTo(404);
        assertThat(chain.body() + node.body()).doesNotContain("geth-1");
        Caller viewer = new Caller("user:viewer", UUID.fromString(s.org()), Role.VIEWER);
        assertThat(as(viewer).get("/api/v1/chains/" + s.chain() + "/history").status()).isEqualTo(200);
        for (String minutes : List.of("0", "1441", "-5")) {
            Response bad = get("/api/v1/chains/" + s.chain() + "/history?minutes=" + minutes);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.body()).contains("minutes");
        }
        assertThat(get("/api/v1/chains/" + s.chain() + "/history?minutes=ten").status()).isEqualTo(400);
    }
}
