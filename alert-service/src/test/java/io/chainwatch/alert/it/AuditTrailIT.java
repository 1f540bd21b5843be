package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.AuditReader;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the alert service writes to {@code chainwatch.audit}, read back from the real (embedded) Kafka topic: a rule
 * created by an operator (actor = the caller the gateway vouched for), the same refused for a viewer (denied), the
 * engine's FIRING transition (actor {@code system:alert-engine}), and an acknowledgement — the API call and the
 * committed transition, both with the acknowledging caller as actor.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class AuditTrailIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void callsRefusalsAndTransitionsAreAuditedWithTheAuthenticatedCaller() throws Exception {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        Caller operator = new Caller("user:operator-" + orgId.substring(0, 8), UUID.fromString(orgId), Role.OPERATOR);
        Caller viewer = new Caller("user:viewer-" + orgId.substring(0, 8), UUID.fromString(orgId), Role.VIEWER);
        List<JsonNode> entries = new CopyOnWriteArrayList<>();
        try (AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next()).start();
             Feeds feeds = new Feeds();
             AuditReader reader = new AuditReader(orgId, entries)) {
            // tokens are short-lived: issued once the service runs
            Http asOperator = Http.as(TestCallers.token(operator, Http.SERVICE));
            Http asViewer = Http.as(TestCallers.token(viewer, Http.SERVICE));
            NodeTarget node = ITSupport.target("node-audit", orgId, "chain-audit", chainId);
            feeds.target(node);
            String rule = """
                    {"type": "node_unreachable", "chainId": "%s", "forSeconds": 1, "severity": "critical",
                     "emailTo": ["ops@acme.example"]}""".formatted(chainId);
            HttpResponse<String> refused = asViewer.postJson(app.url("/api/v1/rules"), rule);
            assertThat(refused.statusCode()).isEqualTo(403);
            HttpResponse<String> created = asOperator.postJson(app.url("/api/v1/rules"), rule);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String ruleId = JSON.readTree(created.body()).path("id").asString();
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

            await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(asOperator.getJson(
                    app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).size() == 1);
            String fingerprint = JSON.readTree(asOperator.getJson(app.url("/api/v1/alerts/current?orgId=" + orgId))
                    .body()).get(0).path("fingerprint").asString();
            HttpResponse<String> ack = asOperator.postJson(app.url("/api/v1/alerts/" + fingerprint + "/acknowledge"),
                    "{}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(entries).extracting(
                    e -> e.path("action").asString() + "/" + e.path("outcome").asString()).contains(
                    "rule.create/denied", "rule.create/success", "alert.firing/success",
                    "alert.acknowledge/success", "alert.acknowledged/success"));

            JsonNode denied = one(entries, "rule.create", "denied");
            assertThat(denied.path("actor").asString()).isEqualTo(viewer.subject());
            assertThat(denied.path("service").asString()).isEqualTo("alert");
            assertThat(denied.path("details").path("status").asString()).isEqualTo("403");
            JsonNode createdEntry = one(entries, "rule.create", "success");
            assertThat(createdEntry.path("actor").asString()).isEqualTo(operator.subject());
            assertThat(createdEntry.path("actorOrgId").asString()).isEqualTo(orgId);
            assertThat(createdEntry.path("resourceId").asString()).isEqualTo(ruleId);
            JsonNode firing = one(entries, "alert.firing", "success");
            assertThat(firing.path("actor").asString()).isEqualTo("system:alert-engine");
            assertThat(firing.path("resourceId").asString()).isEqualTo(fingerprint);
            assertThat(firing.path("details").path("ruleId").asString()).isEqualTo(ruleId);
            assertThat(one(entries, "alert.acknowledge", "success").path("actor").asString())
                    .isEqualTo(operator.subject());
            assertThat(one(entries, "alert.acknowledged", "success").path("actor").asString())
                    .isEqualTo(operator.subject());
            assertThat(app.jdbc().sql("select count(*) from alert.audit_outbox").query(Long.class).single())
                    .as("the relay deletes what Kafka took").isZero();
        }
    }

    private static JsonNode one(List<JsonNode> entries, String action, String outcome) {
        List<JsonNode> found = entries.stream().filter(e -> e.path("action").asString().equals(action)
                && e.path("outcome").asString().equals(outcome)).toList();
        assertThat(found).as(action + "/" + outcome).hasSize(1);
        return found.get(0);
    }
}
