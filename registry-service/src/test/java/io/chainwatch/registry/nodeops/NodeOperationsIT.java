package io.chainwatch.registry.nodeops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.provisioning.ProvisioningTestBase;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.Anvil;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node operations through a platform whose restart really brings a real anvil back: the BaaS test server
 * ({@code FakeBaasServer}, a protocol-level stand-in) restarts the anvil on the node's port when asked. The
 * auto-restart policy is fed samples on {@code chainwatch.samples} exactly as the collector writes them (failed
 * polls of the stopped anvil), and restarts the node after {@code afterSeconds}, at most {@code maxPerHour}.
 */
class NodeOperationsIT extends ProvisioningTestBase {

    private final AtomicReference<Anvil> anvil = new AtomicReference<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private int port;
    private String chainId;
    private String nodeId;

    @BeforeEach
    void anvilOnAPlatform() {
        anvil.set(Anvil.start(0, null));
        port = URI.create(anvil.get().rpcUrl()).getPort();
        baas.nodeRpcUrls = List.of(anvil.get().rpcUrl());
        baas.nodeActions = (action, node) -> {
            Anvil current = anvil.get();
            if (current != null && !action.equals("start")) {
                current.close();
                anvil.set(null);
            }
            if (!action.equals("stop")) {
                anvil.set(Anvil.start(port, 0, null));
                restarts.incrementAndGet();
            }
        };
        String name = unique("ops");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        assertThat(provision(bc, null).path("status").asString()).isEqualTo("SUCCEEDED");
        chainId = get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains").get(0)
                .path("chainId").asString();
        nodeId = nodesOf(chainId).get(0).path("id").asString();
    }

    @AfterEach
    void stopAnvil() {
        Anvil current = anvil.getAndSet(null);
        if (current != null) {
            current.close();
        }
    }

    @Test
    void stopAndStartThroughThePlatform() throws Exception {
        assertThat(answers()).isTrue();
        Response stopped = post("/api/v1/nodes/" + nodeId + "/operations/stop", "");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("outcome").asString()).isEqualTo("DONE");
        assertThat(answers()).as("the platform stopped the real anvil").isFalse();
        assertThat(post("/api/v1/nodes/" + nodeId + "/operations/start", "").status()).isEqualTo(200);
        assertThat(answers()).as("and started it again").isTrue();
        assertThat(post("/api/v1/nodes/" + nodeId + "/operations/explode", "").status()).isEqualTo(404);
        assertThat(get("/api/v1/nodes/" + nodeId + "/operations").json().valueStream()
                .map(o -> o.path("operation").asString()).toList()).containsExactly("start", "stop");
        assertThat(get("/api/v1/audit?action=node.stop&resourceId=" + nodeId).header("X-Total-Count")).isEqualTo("1");
        assertThat(get("/api/v1/notifications?orgId=" + orgA + "&kind=NODE_STOP_DONE").json()).hasSize(1);

        // a node that is not on a platform's chain cannot be operated; other organizations see nothing
        String plain = createChain(orgA, unique("plain"));
        String plainNode = post("/api/v1/nodes", "{\"chainId\": \"" + plain + "\", \"name\": \"n\", \"rpcUrl\": "
                + "\"http://127.0.0.1:18545\"}").field("id");
        Response notOnPlatform = post("/api/v1/nodes/" + plainNode + "/operations/restart", "");
        assertThat(notOnPlatform.status()).isEqualTo(409);
        assertThat(notOnPlatform.contentType()).startsWith("application/problem+json");
        Caller adminB = new Caller("user:admin-b", UUID.fromString(orgB), Role.ORG_ADMIN);
        assertThat(as(adminB).post("/api/v1/nodes/" + nodeId + "/operations/restart", "").status()).isEqualTo(404);
        assertThat(as(adminB).put("/api/v1/nodes/" + nodeId + "/auto-restart",
                "{\"enabled\": true, \"afterSeconds\": 5, \"maxPerHour\": 1}").status()).isEqualTo(404);
        Caller viewerA = new Caller("user:viewer-a", UUID.fromString(orgA), Role.VIEWER);
        assertThat(as(viewerA).post("/api/v1/nodes/" + nodeId + "/operations/restart", "").status()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/nodes/" + nodeId + "/auto-restart", "{\"enabled\": true, \"afterSeconds\": 1,"
                + " \"maxPerHour\": 1}").status()).isEqualTo(400);
    }

    @Test
    void aNodeDownForLongerThanItsPolicyIsRestartedAtMostKTimesAnHour() throws Exception {
        Response policy = send("PUT", "/api/v1/nodes/" + nodeId + "/auto-restart",
                "{\"enabled\": true, \"afterSeconds\": 5, \"maxPerHour\": 1}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        assertThat(get("/api/v1/nodes/" + nodeId + "/auto-restart").json().path("maxPerHour").asInt()).isEqualTo(1);
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);

        anvil.getAndSet(null).close();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                failedPoll(producer);
                return restarts.get() == 1;
            });
            assertThat(answers()).as("the restarted anvil answers").isTrue();
            List<JsonNode> history = get("/api/v1/nodes/" + nodeId + "/operations").json().valueStream().toList();
            assertThat(history).hasSize(1);
            assertThat(history.get(0).path("automatic").asBoolean()).isTrue();
            assertThat(history.get(0).path("outcome").asString()).isEqualTo("DONE");
            assertThat(history.get(0).path("detail").asString()).contains("down since");
            assertThat(get("/api/v1/audit?action=node.auto-restart&resourceId=" + nodeId).header("X-Total-Count"))
                    .isEqualTo("1");
            assertThat(get("/api/v1/notifications?orgId=" + orgA + "&kind=NODE_RESTART_DONE").json()).hasSize(1);

            // down again: the hourly limit (1) is reached, so it is recorded and notified once, not restarted
            anvil.getAndSet(null).close();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                failedPoll(producer);
                return get("/api/v1/nodes/" + nodeId + "/operations").json().size() == 2;
            });
            assertThat(get("/api/v1/nodes/" + nodeId + "/operations").json().get(0).path("outcome").asString())
                    .isEqualTo("LIMITED");
            assertThat(restarts.get()).isEqualTo(1);
            assertThat(answers()).isFalse();
            assertThat(get("/api/v1/notifications?orgId=" + orgA + "&kind=NODE_RESTART_LIMITED").json()).hasSize(1);
        }
    }

    /** One sample as the collector writes it for a poll of the stopped node. */
    private void failedPoll(KafkaProducer<String, byte[]> producer) {
        NodeSample sample = new NodeSample(UUID.fromString(nodeId), UUID.fromString(chainId), UUID.fromString(orgA),
                System.currentTimeMillis(), PollOutcome.REFUSED, "Connection refused", Map.of(), Map.of(), List.of(),
                null);
        producer.send(new ProducerRecord<>(Topics.SAMPLES, chainId, SampleCodec.encode(sample)));
        producer.flush();
    }

    private boolean answers() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port)).timeout(Duration.ofSeconds(3))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("result");
        } catch (Exception e) {
            return false;
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryTestBase.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
