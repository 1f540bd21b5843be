package io.chainwatch.registry.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.OrganizationLifecycle;
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
 * A platform admin deactivates and reactivates an organization, over real HTTP, PostgreSQL and Kafka: only a platform
 * admin may; while deactivated its node's target is withdrawn from {@code chainwatch.targets} (a tombstone, so the
 * collectors stop polling), its people and API keys are refused with a problem saying so, its data stays; after
 * reactivation the target is published again and its callers are let in. Both are audited and published as
 * {@link OrganizationLifecycle} on {@code chainwatch.organizations}.
 */
class OrganizationDeactivationIT extends RegistryTestBase {

    private static final Caller GATEWAY = Caller.platformAdmin("system:gateway");

    @Test
    void deactivationWithdrawsTargetsAndRefusesCallersReactivationRestoresThem() {
        String orgId = createOrganization("deactivated");
        String otherId = createOrganization("bystander");
        Caller orgAdmin = new Caller("user:org-admin", UUID.fromString(orgId), Role.ORG_ADMIN);
        Caller viewer = new Caller("user:org-viewer", UUID.fromString(orgId), Role.VIEWER);
        Caller otherAdmin = new Caller("user:other-admin", UUID.fromString(otherId), Role.ORG_ADMIN);
        String chainId = createChain(orgId, "chain");
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n1\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\"}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        String nodeId = node.field("id");
        Response key = as(orgAdmin).post("/api/v1/organizations/" + orgId + "/api-keys",
                "{\"name\": \"ci\", \"role\": \"operator\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String apiKey = key.field("key");
        assertThat(get("/api/v1/organizations/" + orgId).field("status")).isEqualTo("ACTIVE");

        try (KafkaConsumer<String, String> consumer = targetsConsumer()) {
            ConsumerRecord<String, String> published = awaitRecord(consumer,
                    r -> nodeId.equals(r.key()) && r.value() != null);

            // neither its own org admin nor another organization's admin may deactivate it; nothing changes
            for (Caller refused : List.of(orgAdmin, otherAdmin, viewer)) {
                Response answer = as(refused).post("/api/v1/organizations/" + orgId + "/deactivate", null);
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
            assertThat(get("/api/v1/organizations/" + orgId).field("status")).isEqualTo("ACTIVE");
            assertThat(as(viewer).get("/api/v1/nodes/" + nodeId).status()).isEqualTo(200);

            Response deactivated = post("/api/v1/organizations/" + orgId + "/deactivate", null);
            assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
            assertThat(deactivated.field("status")).isEqualTo("DEACTIVATED");
            assertThat(Instant.parse(deactivated.field("deactivatedAt"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(get("/api/v1/organizations/" + orgId).field("status")).isEqualTo("DEACTIVATED");
            Response again = post("/api/v1/organizations/" + orgId + "/deactivate", null);
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.contentType()).startsWith("application/problem+json");

            // the collectors stop polling its node: the target is withdrawn
            ConsumerRecord<String, String> tombstone = awaitRecord(consumer,
                    r -> nodeId.equals(r.key()) && r.value() == null);
            assertThat(tombstone.offset()).isGreaterThan(published.offset());

            // its people and its API keys are refused, saying why; another organization works on
            Response person = as(viewer).get("/api/v1/nodes/" + nodeId);
            assertThat(person.status()).as(person.body()).isEqualTo(403);
            assertThat(person.contentType()).startsWith("application/problem+json");
            assertThat(person.body()).contains("is deactivated");
            Response keyAnswer = verify(apiKey);
            assertThat(keyAnswer.status()).as(keyAnswer.body()).isEqualTo(403);
            assertThat(keyAnswer.body()).contains("is deactivated");
            assertThat(as(otherAdmin).get("/api/v1/organizations/" + otherId).status()).isEqualTo(200);

            // its data stays; a change of its node while deactivated publishes no target
            Response kept = get("/api/v1/nodes/" + nodeId);
            assertThat(kept.status()).isEqualTo(200);
            assertThat(kept.field("name")).isEqualTo("n1");
            Response renamed = send("PUT", "/api/v1/nodes/" + nodeId, """
                    {"name": "n1-renamed", "rpcUrl": "http://127.0.0.1:8545", "pollIntervalMs": 1000}""",
                    "If-Match", kept.etag());
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            ConsumerRecord<String, String> whileDeactivated = awaitRecord(consumer, r -> nodeId.equals(r.key()));
            assertThat(whileDeactivated.value()).as("still withdrawn").isNull();

            // only a platform admin reactivates
            assertThat(as(orgAdmin).post("/api/v1/organizations/" + orgId + "/reactivate", null).status())
                    .isEqualTo(403);
            Response reactivated = post("/api/v1/organizations/" + orgId + "/reactivate", null);
            assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
            assertThat(reactivated.field("status")).isEqualTo("ACTIVE");
            assertThat(reactivated.json().path("deactivatedAt").isNull()).isTrue();
            assertThat(post("/api/v1/organizations/" + orgId + "/reactivate", null).status()).isEqualTo(409);

            ConsumerRecord<String, String> back = awaitRecord(consumer,
                    r -> nodeId.equals(r.key()) && r.value() != null);
            NodeTarget target = json.readValue(back.value(), NodeTarget.class);
            assertThat(target.nodeId()).isEqualTo(UUID.fromString(nodeId));
            assertThat(target.nodeName()).isEqualTo("n1-renamed");
            assertThat(as(viewer).get("/api/v1/nodes/" + nodeId).status()).isEqualTo(200);
            assertThat(verify(apiKey).status()).isEqualTo(200);
        }

        // the other services learn the state from the compacted organizations topic: deactivated, then active
        try (KafkaConsumer<String, String> consumer = consumer(Topics.ORGANIZATIONS)) {
            List<OrganizationLifecycle> states = new java.util.ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (states.size() < 2 && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orgId.equals(record.key())) {
                        states.add(json.readValue(record.value(), OrganizationLifecycle.class));
                    }
                }
            }
            assertThat(states).as("records of the organization").hasSize(2);
            OrganizationLifecycle off = states.get(0);
            assertThat(off.orgId()).isEqualTo(orgId);
            assertThat(off.state()).isEqualTo(OrganizationLifecycle.DEACTIVATED);
            OrganizationLifecycle on = states.get(1);
            assertThat(on.state()).isEqualTo(OrganizationLifecycle.ACTIVE);
            assertThat(on.atMs()).isGreaterThanOrEqualTo(off.atMs());
        }

        Response audit = get("/api/v1/audit?outcome=success&resourceType=organization&resourceId=" + orgId);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<String> actions = new java.util.ArrayList<>();
        audit.json().forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).contains("organization.deactivate", "organization.reactivate");
        audit.json().forEach(entry -> {
            if (entry.path("action").asString().equals("organization.deactivate")) {
                assertThat(entry.path("actor").asString()).isEqualTo(PLATFORM_ADMIN.subject());
                assertThat(entry.path("before").path("status").asString()).isEqualTo("ACTIVE");
                assertThat(entry.path("after").path("status").asString()).isEqualTo("DEACTIVATED");
            }
        });
    }

    @Test
    void anUnknownOrganizationIsA404() {
        Response answer = post("/api/v1/organizations/" + UUID.randomUUID() + "/deactivate", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private Response verify(String key) {
        return as(GATEWAY).post("/internal/api-keys/verify", "{\"key\": " + json.writeValueAsString(key) + "}");
    }

    private static KafkaConsumer<String, String> targetsConsumer() {
        return consumer(Topics.TARGETS);
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        return TopicReader.fromStart(topic);
    }

    /** The next record after the consumer's position that {@code wanted} matches. */
    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> wanted) {
        return TopicReader.await(consumer, wanted, Duration.ofSeconds(30));
    }
}
