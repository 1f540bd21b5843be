package io.chainwatch.registry.businesschain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A monitored chain linked to a business chain: its nodes' targets on the real embedded Kafka carry the business
 * chain's alliance id (re-sent when the link changes, and on every later node change); unlinked, they carry none.
 */
class ChainLinkIT extends RegistryTestBase {

    @Test
    void nodeTargetsCarryTheAllianceOfTheLinkedBusinessChain() {
        String a = org("CLOUD", "{\"type\": \"TENANT\", \"tenantId\": \"" + unique("t") + "\", \"projectId\": \"p\"}");
        String outsider = org("CLOUD", "{\"type\": \"TENANT\", \"tenantId\": \"" + unique("t") + "\", \"projectId\": \"p\"}");
        Response alliance = post("/api/v1/alliances", "{\"name\": \"" + unique("link") + "\", \"platform\": \"FABRIC\","
                + " \"creatorOrgId\": \"" + a + "\"}");
        assertThat(awaitTask(alliance.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        String allianceId = alliance.field("allianceId");
        Response businessChain = post("/api/v1/business-chains", "{\"allianceId\": \"" + allianceId + "\", \"ownerOrgId\": \""
                + a + "\", \"name\": \"" + unique("bc") + "\", \"createMode\": \"PRIVATE_CHAIN\", \"memberOrgIds\": [\"" + a + "\"]}");
        assertThat(businessChain.status()).as(businessChain.body()).isEqualTo(201);
        String businessChainId = businessChain.field("id");

        String chainId = createChain(a, "linked");
        String nodeId = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n1\", \"rpcUrl\": "
                + "\"http://127.0.0.1:8545\"}").field("id");
        Response unlinked = get("/api/v1/chains/" + chainId + "/business-chain");
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().path("businessChainId").isNull()).isTrue();
        assertThat(unlinked.json().path("allianceIds")).isEmpty();

        try (KafkaConsumer<String, String> consumer = consumer()) {
            assertThat(await(consumer, nodeId, t -> true).allianceIds()).isEmpty();

            // bad links write nothing
            String outsiderChain = createChain(outsider, "not-a-member");
            Response notMember = send("PUT", "/api/v1/chains/" + outsiderChain + "/business-chain",
                    "{\"businessChainId\": \"" + businessChainId + "\"}");
            assertThat(notMember.status()).isEqualTo(400);
            assertThat(notMember.contentType()).startsWith("application/problem+json");
            assertThat(notMember.json().path("detail").asString()).contains("businessChainId", "not a member");
            assertThat(send("PUT", "/api/v1/chains/" + chainId + "/business-chain", "{\"businessChainId\": \""
                    + java.util.UUID.randomUUID() + "\"}").status()).isEqualTo(404);
            assertThat(send("PUT", "/api/v1/chains/" + chainId + "/business-chain", "{}").status()).isEqualTo(400);
            assertThat(send("PUT", "/api/v1/chains/" + chainId + "/business-chain", "{\"businessChainId\": \""
                    + businessChainId + "\"}", "If-Match", "\"7\"").status()).isEqualTo(412);

            Response linked = send("PUT", "/api/v1/chains/" + chainId + "/business-chain",
                    "{\"businessChainId\": \"" + businessChainId + "\"}", "If-Match", "\"1\"");
            assertThat(linked.status()).as(linked.body()).isEqualTo(200);
            assertThat(linked.etag()).isEqualTo("\"2\"");
            assertThat(linked.field("businessChainId")).isEqualTo(businessChainId);
            assertThat(linked.json().path("allianceIds").get(0).asString()).isEqualTo(allianceId);
            assertThat(get("/api/v1/chains/" + chainId).etag()).isEqualTo("\"2\"");

            NodeTarget relinked = await(consumer, nodeId, t -> !t.allianceIds().isEmpty());
            assertThat(relinked.allianceIds()).containsExactly(UUID.fromString(allianceId));
            assertThat(relinked.version()).isEqualTo(1);

            // a node created later carries it too
            String second = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n2\", \"rpcUrl\": "
                    + "\"http://127.0.0.1:8546\"}").field("id");
            assertThat(await(consumer, second, t -> true).allianceIds()).containsExactly(UUID.fromString(allianceId));

            // the business chain cannot go while a monitored chain serves it
            assertThat(send("DELETE", "/api/v1/business-chains/" + businessChainId, null, "If-Match", "\"1\"").status())
                    .isEqualTo(409);

            Response unlink = send("DELETE", "/api/v1/chains/" + chainId + "/business-chain", null);
            assertThat(unlink.status()).isEqualTo(200);
            assertThat(unlink.json().path("allianceIds")).isEmpty();
            assertThat(await(consumer, nodeId, t -> t.allianceIds().isEmpty()).allianceIds()).isEmpty();
        }
        assertThat(get("/api/v1/audit?resourceType=chain&resourceId=" + chainId).json().valueStream()
                .map(e -> e.path("action").asString()).toList())
                .contains("chain.link-business-chain", "chain.unlink-business-chain");
    }

    private String org(String category, String space) {
        Response response = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@acme.example", "category": "%s", "resourceSpace": %s}"""
                .formatted(unique("link-org"), category, space));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    private static KafkaConsumer<String, String> consumer() {
        return TopicReader.fromStart(Topics.TARGETS);
    }

    /** The next target of {@code nodeId} that matches. */
    private NodeTarget await(KafkaConsumer<String, String> consumer, String nodeId, Predicate<NodeTarget> wanted) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (nodeId.equals(record.key()) && record.value() != null) {
                    NodeTarget target = json.readValue(record.value(), NodeTarget.class);
                    if (wanted.test(target)) {
                        return target;
                    }
                }
            }
        }
        return fail("no matching target for node " + nodeId);
    }
}
