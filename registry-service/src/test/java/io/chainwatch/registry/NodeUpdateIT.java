package io.chainwatch.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.TopicReader;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Updating a node needs its current ETag and sends the changed target (with the new version) to the collectors;
 * a delete with a stale ETag is refused; changes are audited.
 */
class NodeUpdateIT extends RegistryTestBase {

    @Test
    void updateWithIfMatchPublishesTheNewTarget() {
        String orgId = createOrganization("node-update");
        String chainId = createChain(orgId, "chain");
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId
                + "\", \"name\": \"n1\", \"rpcUrl\": \"http://127.0.0.1:8545\"}");
        String nodeId = node.field("id");
        assertThat(node.etag()).isEqualTo("\"1\"");
        String update = "{\"name\": \"n1-renamed\", \"rpcUrl\": \"http://127.0.0.1:9545\", \"pollIntervalMs\": 2500}";

        assertThat(send("PUT", "/api/v1/nodes/" + nodeId, update).status()).isEqualTo(428);
        assertThat(send("PUT", "/api/v1/nodes/" + nodeId, update, "If-Match", "\"9\"").status()).isEqualTo(412);
        assertThat(send("PUT", "/api/v1/nodes/" + nodeId, "{\"name\": \"x\", \"rpcUrl\": \"ftp://x\"}",
                "If-Match", "\"1\"").status()).isEqualTo(400);
        // an operator of the organization; a client-supplied actor header is not believed
        Caller operator = new Caller("user:ops", java.util.UUID.fromString(orgId), Role.OPERATOR);
        Response updated = as(operator).send("PUT", "/api/v1/nodes/" + nodeId, update, "If-Match", "\"1\"",
                "X-ChainWatch-Actor", "mallory");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(updated.field("rpcUrl")).isEqualTo("http://127.0.0.1:9545");

        try (KafkaConsumer<String, String> consumer = consumer()) {
            NodeTarget target = json.readValue(awaitVersion(consumer, nodeId, 2).value(), NodeTarget.class);
            assertThat(target.rpcUrl()).isEqualTo("http://127.0.0.1:9545");
            assertThat(target.nodeName()).isEqualTo("n1-renamed");
            assertThat(target.pollIntervalMs()).isEqualTo(2500);
        }

        assertThat(send("DELETE", "/api/v1/nodes/" + nodeId, null, "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(get("/api/v1/nodes/" + nodeId).status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/nodes/" + nodeId, null, "If-Match", "\"2\"").status()).isEqualTo(204);

        List<String> actions = get("/api/v1/audit?outcome=success&resourceType=node&resourceId=" + nodeId).json().valueStream()
                .map(e -> e.path("action").asString() + "/" + e.path("actor").asString()).toList();
        assertThat(actions).containsExactly("node.delete/user:test-admin", "node.update/user:ops",
                "node.create/user:test-admin");
    }

    @Test
    void fabricPeerSettingsAndMetricsUrlReachTheCollectors() throws Exception {
        String orgId = createOrganization("fabric-node");
        String fabricChain = post("/api/v1/chains", "{\"orgId\": \"" + orgId
                + "\", \"name\": \"fab\", \"platform\": \"FABRIC\"}").field("id");
        String pem;
        try (var in = NodeUpdateIT.class.getResourceAsStream("/certs/node1.pem")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        String fabric = "{\"mspId\": \"Org1MSP\", \"channels\": [\"mychannel\"], \"peerEndpoint\": "
                + "\"peer0.org1.example:7051\", \"tlsRootCertPem\": " + json.writeValueAsString(pem)
                + ", \"serverNameOverride\": \"peer0.org1.example\"}";
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + fabricChain + "\", \"name\": \"peer0\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"metricsUrl\": \"http://127.0.0.1:9443/metrics\","
                + " \"fabric\": " + fabric + "}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        assertThat(node.json().path("fabric").path("channels").get(0).asString()).isEqualTo("mychannel");
        String nodeId = node.field("id");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            NodeTarget target = json.readValue(awaitVersion(consumer, nodeId, 1).value(), NodeTarget.class);
            assertThat(target.metricsUrl()).isEqualTo("http://127.0.0.1:9443/metrics");
            assertThat(target.fabric().mspId()).isEqualTo("Org1MSP");
            assertThat(target.fabric().channels()).containsExactly("mychannel");
            assertThat(target.fabric().peerEndpoint()).isEqualTo("peer0.org1.example:7051");
            assertThat(target.fabric().tlsRootCertPem()).isEqualTo(pem);
            assertThat(target.fabric().serverNameOverride()).isEqualTo("peer0.org1.example");
        }

        long nodes = count("node");
        String ethereumChain = createChain(orgId, "eth");
        Response onEthereum = post("/api/v1/nodes", "{\"chainId\": \"" + ethereumChain + "\", \"name\": \"x\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\", \"fabric\": " + fabric + "}");
        assertThat(onEthereum.status()).isEqualTo(400);
        assertThat(onEthereum.json().path("detail").asString()).contains("fabric", "FABRIC chains");
        Response badCert = post("/api/v1/nodes", "{\"chainId\": \"" + fabricChain + "\", \"name\": \"peer1\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": " + fabric.replace(
                json.writeValueAsString(pem), "\"not a cert\"") + "}");
        assertThat(badCert.status()).isEqualTo(400);
        assertThat(badCert.json().path("detail").asString()).contains("fabric.tlsRootCertPem");
        assertThat(count("node")).isEqualTo(nodes);
    }

    private static KafkaConsumer<String, String> consumer() {
        return TopicReader.fromStart(Topics.TARGETS);
    }

    private ConsumerRecord<String, String> awaitVersion(KafkaConsumer<String, String> consumer, String key, long version) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key()) && record.value() != null
                        && json.readValue(record.value(), NodeTarget.class).version() == version) {
                    return record;
                }
            }
        }
        return fail("no target version " + version + " for " + key);
    }
}
