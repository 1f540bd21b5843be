package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.AppWithMail;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Readings;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Editing a rule with {@code PUT /api/v1/rules/{id}}: the same validation as create, type and chain fixed, another
 * organization answered 404; a firing alert is judged by the new definition (kept while it still holds, resolved
 * with its notification when it no longer does); an edit that makes the rule watch other nodes closes its alerts.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class RuleEditIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final AppWithMail SERVICE = new AppWithMail();

    private static AlertApp app;
    private static GreenMail mail;
    private static Feeds feeds;

    @BeforeAll
    static void start() {
        app = SERVICE.app();
        mail = SERVICE.mail();
        feeds = new Feeds();
    }

    @AfterAll
    static void stop() {
        feeds.close();
    }

    @Test
    void aFiringAlertIsJudgedByTheNewDefinition() {
        String orgId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-e1", orgId, "chain-e1", UUID.randomUUID().toString());
        String ops = "ops-edit@acme.example";
        String ruleId = id(expect(201, Http.post(app.url("/api/v1/rules"),
                threshold(orgId, node.chainId().toString(), 50, ops, ""))));
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.ok(node, 100));
        Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(20));
        String fp = firing(orgId).get("fingerprint").asString();

        JsonNode edited = JSON.readTree(expect(200, Http.as(Http.admin()).putJson(app.url("/api/v1/rules/" + ruleId),
                threshold(orgId, node.chainId().toString(), 80, ops, ", \"severity\": \"warning\""))));
        assertThat(edited.get("id").asString()).isEqualTo(ruleId);
        assertThat(edited.get("value").asDouble()).isEqualTo(80);
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/rules/" + ruleId)).body())).isEqualTo(edited);
        assertThat(Http.get(app.url("/api/v1/rules/" + ruleId + "/enabled")).body()).contains("\"enabled\":true");
        Mail.noMoreFor(mail, ops, Duration.ofMillis(2000));                                   // several evaluations: 100 > 80 still holds
        assertThat(firing(orgId).get("fingerprint").asString()).as("the same alert, still firing").isEqualTo(fp);
        assertThat(Mail.to(mail, ops)).as("no second FIRING, no RESOLVED").hasSize(1);

        expect(200, Http.as(Http.admin()).putJson(app.url("/api/v1/rules/" + ruleId),
                threshold(orgId, node.chainId().toString(), 500, ops, "")));
        Mail.await(mail, ops, m -> m.subject().startsWith("[RESOLVED]"), 1, Duration.ofSeconds(15));
        assertThat(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).isEqualTo("[]");
    }

    @Test
    void anEditThatWatchesOtherNodesClosesTheRulesAlerts() {
        String orgId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-e2", orgId, "chain-e2", UUID.randomUUID().toString());
        String ops = "ops-rescope@acme.example";
        String only = ", \"options\": {\"match\": [{\"label\": \"node\", \"value\": \"%s\"}]}";
        String ruleId = id(expect(201, Http.post(app.url("/api/v1/rules"),
                threshold(orgId, node.chainId().toString(), 50, ops, only.formatted("node-e2")))));
        AtomicLong height = new AtomicLong(100);
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.ok(node, height.get()));
        Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(20));

        expect(200, Http.as(Http.admin()).putJson(app.url("/api/v1/rules/" + ruleId),
                threshold(orgId, node.chainId().toString(), 50, ops, only.formatted("another-node"))));
        JsonNode history = JSON.readTree(Http.get(app.url("/api/v1/alerts?orgId=" + orgId)).body());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(history.get(0).get("summary").asString()).contains("rule changed");
        Mail.sleep(3000);                                   // node-e2 no longer watched: it does not fire again
        assertThat(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).isEqualTo("[]");
        assertThat(Http.get(app.url("/api/v1/alerts/pending?orgId=" + orgId)).body()).isEqualTo("{}");

        expect(200, Http.as(Http.admin()).putJson(app.url("/api/v1/rules/" + ruleId),
                threshold(orgId, node.chainId().toString(), 50, ops, only.formatted("node-e2"))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                JSON.readTree(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()))
                .as("watching node-e2 again, the rule fires anew").hasSize(1));
    }

    @Test
    void badEditsAndOtherOrganizationsChangeNothing() {
        UUID orgId = UUID.randomUUID();
        String chainId = UUID.randomUUID().toString();
        String url = app.url("/api/v1/rules/" + id(expect(201, Http.post(app.url("/api/v1/rules"),
                threshold(orgId.toString(), chainId, 50, "a@acme.example", "")))));
        String before = Http.get(url).body();
        String admin = TestCallers.member(orgId, Role.ORG_ADMIN, Http.SERVICE);
        String viewer = TestCallers.member(orgId, Role.VIEWER, Http.SERVICE);
        String stranger = TestCallers.member(UUID.randomUUID(), Role.ORG_ADMIN, Http.SERVICE);
        String edit = threshold(orgId.toString(), chainId, 90, "a@acme.example", "");

        assertThat(problem(400, Http.as(admin).putJson(url, edit.replace("\"threshold\"", "\"chain_stalled\""))))
                .contains("type cannot be changed");
        assertThat(problem(400, Http.as(admin).putJson(url, edit.replace(chainId, UUID.randomUUID().toString()))))
                .contains("chainId cannot be changed");
        assertThat(problem(400, Http.as(admin).putJson(url, edit.replace("\">\"", "\"=>\"")))).contains("operator");
        assertThat(problem(400, Http.as(admin).putJson(url, edit.replace("\"forSeconds\"", "\"severity\": \"none\", \"forSeconds\"")))).contains("severity");
        assertThat(problem(400, Http.as(admin).putJson(url, edit.replace("{\"type\"",
                "{\"id\": \"" + UUID.randomUUID() + "\", \"type\"")))).contains("is not the rule's id");
        String elsewhere = edit.replace(orgId.toString(), UUID.randomUUID().toString());
        problem(403, Http.as(admin).putJson(url, elsewhere));
        assertThat(problem(400, Http.as(Http.admin()).putJson(url, elsewhere))).contains("orgId cannot be changed");
        expect(403, Http.as(viewer).putJson(url, edit));
        assertThat(problem(404, Http.as(stranger).putJson(url, edit))).contains("not found");
        problem(404, Http.as(admin).putJson(app.url("/api/v1/rules/" + UUID.randomUUID()), edit));
        assertThat(Http.get(url).body()).as("nothing changed").isEqualTo(before);

        JsonNode ok = JSON.readTree(expect(200, Http.as(admin).putJson(url, edit.replace("\"orgId\": \"" + orgId + "\", ", ""))));
        assertThat(ok.get("value").asDouble()).as("orgId may be left out: the rule's own").isEqualTo(90);
        assertThat(ok.get("orgId").asString()).isEqualTo(orgId.toString());
    }

    private static String threshold(String orgId, String chainId, double value, String to, String extra) {
        return """
                {"type": "threshold", "orgId": "%s", "chainId": "%s", "forSeconds": 2, "emailTo": ["%s"],
                 "reading": "%s", "operator": ">", "value": %s%s}"""
                .formatted(orgId, chainId, to, Readings.BLOCK_HEIGHT, value, extra);
    }

    private static JsonNode firing(String orgId) {
        JsonNode current = JSON.readTree(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body());
        assertThat(current).hasSize(1);
        return current.get(0);
    }

    private static String expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }

    private static String problem(int status, HttpResponse<String> r) {
        expect(status, r);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return r.body();
    }

    private static String id(String body) {
        return JSON.readTree(body).get("id").asString();
    }
}
