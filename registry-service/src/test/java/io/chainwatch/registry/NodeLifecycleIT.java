package io.chainwatch.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.TopicReader;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The registry's main path over real HTTP, PostgreSQL and Kafka: organization → chain → node, the node's
 * {@link NodeTarget} on {@code chainwatch.targets}, and its tombstone after the node is deleted.
 */
class NodeLifecycleIT extends RegistryTestBase {

    @Test
    void createdNodeReachesTargetsTopicAndDeletedNodeLeavesATombstone() {
        String orgName = unique("acme");
        RegistryTestBase.Response org = post("/api/v1/organizations",
                "{\"name\": \"" + orgName + "\", \"contactEmail\": \"ops@acme.example\"}");
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        assertThat(org.contentType()).startsWith("application/json");
        String orgId = org.field("id");
        assertThat(org.field("name")).isEqualTo(orgName);
        assertThat(org.field("contactEmail")).isEqualTo("ops@acme.example");
        assertThat(Instant.parse(org.field("createdAt"))).isBefore(Instant.now().plusSeconds(1));

        RegistryTestBase.Response chain = post("/api/v1/chains",
                "{\"orgId\": \"" + orgId + "\", \"name\": \"anvil-dev\", \"platform\": \"ETHEREUM\"}");
        assertThat(chain.status()).as(chain.body()).isEqualTo(201);
        String chainId = chain.field("id");
        assertThat(chain.field("orgId")).isEqualTo(orgId);
        assertThat(chain.field("name")).isEqualTo("anvil-dev");
        assertThat(chain.field("platform")).isEqualTo("ETHEREUM");
        assertThat(chain.field("createdAt")).isNotBlank();

        RegistryTestBase.Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"anvil-1\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\", \"pollIntervalMs\": 1500}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        String nodeId = node.field("id");
        JsonNode nodeJson = node.json();
        assertThat(nodeJson.path("chainId").asString()).isEqualTo(chainId);
        assertThat(nodeJson.path("orgId").asString()).isEqualTo(orgId);
        assertThat(nodeJson.path("name").asString()).isEqualTo("anvil-1");
        assertThat(nodeJson.path("rpcUrl").asString()).isEqualTo("http://127.0.0.1:8545");
        assertThat(nodeJson.path("pollIntervalMs").asLong()).isEqualTo(1500);
        assertThat(nodeJson.path("createdAt").asString()).isNotBlank();

        // reads
        assertThat(get("/api/v1/organizations/" + orgId).json()).isEqualTo(org.json());
        assertThat(ids(get("/api/v1/organizations?name=" + orgName))).containsExactly(orgId);
        assertThat(get("/api/v1/chains/" + chainId).json()).isEqualTo(chain.json());
        assertThat(ids(get("/api/v1/chains?orgId=" + orgId))).containsExactly(chainId);
        assertThat(ids(get("/api/v1/chains?name=anvil-dev&orgId=" + orgId))).containsExactly(chainId);
        assertThat(get("/api/v1/nodes/" + nodeId).json()).isEqualTo(nodeJson);
        assertThat(ids(get("/api/v1/nodes?chainId=" + chainId))).containsExactly(nodeId);
        assertThat(ids(get("/api/v1/nodes?orgId=" + orgId))).containsExactly(nodeId);

        try (KafkaConsumer<String, String> consumer = targetsConsumer()) {
            ConsumerRecord<String, String> created = awaitRecord(consumer,
                    r -> nodeId.equals(r.key()) && r.value() != null);
            NodeTarget target = json.readValue(created.value(), NodeTarget.class);
            assertThat(target).isEqualTo(new NodeTarget(UUID.fromString(nodeId), "anvil-1", UUID.fromString(orgId),
                    orgName, UUID.fromString(chainId), "anvil-dev",
                    "ETHEREUM", "http://127.0.0.1:8545", 1500, 1, null, null, null));

            RegistryTestBase.Response deleted = delete("/api/v1/nodes/" + nodeId);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(get("/api/v1/nodes/" + nodeId).status()).isEqualTo(404);
            assertThat(ids(get("/api/v1/nodes?chainId=" + chainId))).isEmpty();

            ConsumerRecord<String, String> tombstone = awaitRecord(consumer,
                    r -> nodeId.equals(r.key()) && r.value() == null);
            assertThat(tombstone.partition()).isEqualTo(created.partition());
            assertThat(tombstone.offset()).isGreaterThan(created.offset());
        }
        assertThat(jdbc.sql("select count(*) from registry.outbox where message_key = :key and published_at is not null")
                .param("key", nodeId).query(Long.class).single()).isEqualTo(2);
        assertThat(delete("/api/v1/nodes/" + nodeId).status()).isEqualTo(404);
    }

    @Test
    void pollIntervalDefaultsToOneSecond() {
        String chainId = createChain(createOrganization("defaults"), "chain");
        RegistryTestBase.Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n\","
                + " \"rpcUrl\": \"wss://rpc.example.org/ws\"}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        assertThat(node.json().path("pollIntervalMs").asLong()).isEqualTo(1000);
        assertThat(get("/api/v1/nodes/" + node.field("id")).json().path("pollIntervalMs").asLong()).isEqualTo(1000);
    }

    @Test
    void topicsAreDeclaredWithTheAgreedSettings() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RegistryTestBase.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.TARGETS, Topics.SAMPLES))
                    .allTopicNames().get();
            assertThat(topics.get(Topics.TARGETS).partitions()).hasSize(6);
            assertThat(topics.get(Topics.SAMPLES).partitions()).hasSize(6);
            ConfigResource targets = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TARGETS);
            Config config = admin.describeConfigs(List.of(targets)).all().get().get(targets);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void actuatorServesHealthAndPrometheusOnTheManagementPortOnly() {
        RegistryTestBase.Response health = management("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.field("status")).isEqualTo("UP");
        RegistryTestBase.Response prometheus = management("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes").contains("application=\"registry-service\"");
        assertThat(management("/actuator/info").status()).isEqualTo(200);
        RegistryTestBase.Response openApi = get("/v3/api-docs");
        assertThat(openApi.status()).as(openApi.body()).isEqualTo(200);
        assertThat(openApi.json().path("paths").propertyNames()).contains("/api/v1/organizations/{id}/resource-space",
                "/api/v1/alliances", "/api/v1/tasks/{id}/approvals", "/api/v1/platforms/{id}/operations/{operation}",
                "/api/v1/contracts/{id}/calls", "/api/v1/audit");
        // the API port (the one the gateway forwards to) serves none of them, with a token or without (asked after
        // the OpenAPI document above: its first build takes seconds on a loaded machine)
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info")) {
            assertThat(get(path).status()).as(path).isIn(401, 404);
            assertThat(withToken(null).get(path).status()).as(path).isIn(401, 404);
        }
    }

    private static List<String> ids(RegistryTestBase.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().valueStream().map(element -> element.path("id").asString()).toList();
    }

    private static KafkaConsumer<String, String> targetsConsumer() {
        return TopicReader.fromStart(Topics.TARGETS);
    }

    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> wanted) {
        return TopicReader.await(consumer, wanted, Duration.ofSeconds(20));
    }
}
