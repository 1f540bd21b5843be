package io.chainwatch.registry.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit of every call: a change made by A's operator, calls of B refused by authorization (a viewer changing
 * something, an admin naming A's organization), a call failed on bad input, a call without a token, and an entry of
 * another service arriving on {@code chainwatch.audit} (as alert-service publishes it). {@code GET /api/v1/audit}
 * shows each to its organization only, with the authenticated caller as actor, filtered and paged.
 */
class AuditIT extends RegistryTestBase {

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Test
    void everyCallIsAuditedWithItsCallerAndEachOrganizationSeesOnlyItsOwn() throws Exception {
        String a = createOrganization("audit-a");
        String b = createOrganization("audit-b");
        Caller operatorA = new Caller("user:operator-a-" + a.substring(0, 8), UUID.fromString(a), Role.OPERATOR);
        Caller viewerB = new Caller("user:viewer-b-" + b.substring(0, 8), UUID.fromString(b), Role.VIEWER);
        Caller adminB = new Caller("user:admin-b-" + b.substring(0, 8), UUID.fromString(b), Role.ORG_ADMIN);
        Instant start = Instant.now();

        Response created = as(operatorA).post("/api/v1/chains", "{\"name\": \"main\", \"platform\": \"ETHEREUM\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String chain = created.field("id");
        Response byViewer = as(viewerB).post("/api/v1/chains", "{\"name\": \"x\", \"platform\": \"ETHEREUM\"}");
        assertThat(byViewer.status()).isEqualTo(403);
        Response intoA = as(adminB).post("/api/v1/chains",
                "{\"orgId\": \"" + a + "\", \"name\": \"x\", \"platform\": \"ETHEREUM\"}");
        assertThat(intoA.status()).isEqualTo(403);
        Response nodeCreated = as(operatorA).post("/api/v1/nodes",
                "{\"chainId\": \"" + chain + "\", \"name\": \"n1\", \"rpcUrl\": \"http://rpc.a.example:8545\"}");
        assertThat(nodeCreated.status()).as(nodeCreated.body()).isEqualTo(201);
        String node = nodeCreated.field("id");
        Response deleteA = as(adminB).delete("/api/v1/nodes/" + node, "If-Match", "\"1\"");
        assertThat(deleteA.status()).as("another organization's node is answered like a missing one").isEqualTo(404);
        Response bad = as(adminB).post("/api/v1/chains", "{\"name\": \"\", \"platform\": \"ETHEREUM\"}");
        assertThat(bad.status()).isEqualTo(400);
        Response anonymous = withToken(null).delete("/api/v1/nodes/" + node);
        assertThat(anonymous.status()).isEqualTo(401);
        String ruleId = UUID.randomUUID().toString();
        AuditEntry fromAlert = new AuditEntry(UUID.randomUUID().toString(), "alert", a, operatorA.subject(), a,
                "rule.create", "rule", ruleId, "success", System.currentTimeMillis(),
                Map.of("method", "POST", "path", "/api/v1/rules", "status", "201"));
        kafka.send(Topics.AUDIT, a, json.writeValueAsString(fromAlert)).get();

        // A sees its own change (with the before/after of the registry) and the alert service's entry
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                as(operatorA).get("/api/v1/audit?service=alert").body()).contains(ruleId));
        JsonNode chainEntry = single(as(operatorA).get("/api/v1/audit?resourceType=chain&resourceId=" + chain
                + "&action=chain.create"));
        assertThat(chainEntry.path("actor").asString()).isEqualTo(operatorA.subject());
        assertThat(chainEntry.path("actorOrgId").asString()).isEqualTo(a);
        assertThat(chainEntry.path("outcome").asString()).isEqualTo("success");
        assertThat(chainEntry.path("service").asString()).isEqualTo("registry");
        assertThat(chainEntry.path("after").path("name").asString()).isEqualTo("main");
        JsonNode alertEntry = single(as(operatorA).get("/api/v1/audit?service=alert"));
        assertThat(alertEntry.path("action").asString()).isEqualTo("rule.create");
        assertThat(alertEntry.path("details").path("status").asString()).isEqualTo("201");
        String allOfA = as(operatorA).get("/api/v1/audit?size=200").body();
        assertThat(allOfA).doesNotContain(viewerB.subject(), adminB.subject());

        // B sees its refused and failed calls, with who made them, and nothing of A's
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                as(adminB).get("/api/v1/audit?outcome=failed").json().size()).isEqualTo(2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                as(adminB).get("/api/v1/audit?outcome=denied").json().size()).isEqualTo(2));
        JsonNode viewerEntry = single(as(adminB).get("/api/v1/audit?actor=" + viewerB.subject()));
        assertThat(viewerEntry.path("action").asString()).isEqualTo("chain.create");
        assertThat(viewerEntry.path("outcome").asString()).isEqualTo("denied");
        assertThat(viewerEntry.path("orgId").asString()).isEqualTo(b);
        assertThat(viewerEntry.path("details").path("status").asString()).isEqualTo("403");
        JsonNode namedA = single(as(adminB).get("/api/v1/audit?actor=" + adminB.subject() + "&outcome=denied"));
        assertThat(namedA.path("details").path("problem").asString()).contains("own organization");
        JsonNode deleteEntry = single(as(adminB).get("/api/v1/audit?action=node.delete"));
        assertThat(deleteEntry.path("resourceId").asString()).isEqualTo(node);
        assertThat(deleteEntry.path("outcome").asString()).isEqualTo("failed");
        String allOfB = as(adminB).get("/api/v1/audit?size=200").body();
        assertThat(allOfB).doesNotContain(operatorA.subject(), ruleId, "\"after\":{\"id\":\"" + chain);
        assertThat(as(adminB).get("/api/v1/audit?orgId=" + a).status()).isEqualTo(403);

        // the call without a token: anonymous, platform-wide (a platform admin sees it)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/api/v1/audit?actor=anonymous&resourceId=" + node).json().size()).isEqualTo(1));
        assertThat(as(adminB).get("/api/v1/audit?actor=anonymous").json().size()).isZero();

        // time range and paging
        assertThat(as(adminB).get("/api/v1/audit?from=" + Instant.now().plusSeconds(3600)).json().size()).isZero();
        assertThat(as(adminB).get("/api/v1/audit?from=" + start + "&to=" + Instant.now().plusSeconds(60)).json()
                .size()).isEqualTo(4);
        Response page = as(adminB).get("/api/v1/audit?size=1&page=1&from=" + start);
        assertThat(page.json().size()).isEqualTo(1);
        assertThat(page.header("X-Total-Count")).isEqualTo("4");
        Response reversed = as(adminB).get("/api/v1/audit?from=" + Instant.now() + "&to=" + start);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).contains("application/problem+json");
    }

    private static JsonNode single(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().size()).as(response.body()).isEqualTo(1);
        return response.json().get(0);
    }
}
