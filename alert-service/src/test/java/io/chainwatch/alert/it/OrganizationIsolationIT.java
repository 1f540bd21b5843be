package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizations A and B share the service. A has rules, a firing and a pending alert (driven by samples through
 * Kafka), receivers with secrets and a silence; B has its own. As B's org admin and as B's viewer, every endpoint is
 * tried on A's resources: B never sees A's ids, direct access is 404 (or 403 where B's role is not enough
 * anyway), creating in A is 403, nothing changes in the database, and no response of the whole test carries a
 * secret. A request without a token, or with a token the gateway did not sign, is 401 and writes nothing.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class OrganizationIsolationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WEBHOOK_SECRET = "A-webhook-hmac-5ecret-0001";
    private static final String DINGTALK_SECRET = "SECa-dingtalk-5ecret-0002";
    private static final String DINGTALK_TOKEN = "a-dingtalk-access-token-0003";

    /** Every response body of the test, checked for secrets at the end. */
    private final List<String> bodies = new ArrayList<>();

    @Test
    void anotherOrganizationSeesAndChangesNothingAndSecretsNeverLeave() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        NodeTarget downA = ITSupport.target("node-a-down", orgA.toString(), "chain-a", UUID.randomUUID().toString());
        NodeTarget upA = ITSupport.target("node-a-up", orgA.toString(), "chain-a2", UUID.randomUUID().toString());
        NodeTarget downB = ITSupport.target("node-b-down", orgB.toString(), "chain-b", UUID.randomUUID().toString());
        String adminA = TestCallers.member(orgA, Role.ORG_ADMIN, Http.SERVICE);
        String adminB = TestCallers.member(orgB, Role.ORG_ADMIN, Http.SERVICE);
        String viewerB = TestCallers.member(orgB, Role.VIEWER, Http.SERVICE);
        try (StubHttpServer hooks = new StubHttpServer(r -> new StubHttpServer.Answer(200, "{\"errcode\":0}"));
             AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
             Feeds feeds = new Feeds()) {
            // ---------------------------------------------------------------- A's resources, made by A's org admin
            String ruleA = id(expect(201, Http.as(adminA).postJson(app.url("/api/v1/rules"), """
                    {"type": "node_unreachable", "chainId": "%s", "forSeconds": 1, "emailTo": ["ops-a@a.example"]}"""
                    .formatted(downA.chainId()))));
            String pendingRuleA = id(expect(201, Http.as(adminA).postJson(app.url("/api/v1/rules"), """
                    {"type": "threshold", "orgId": "%s", "chainId": "%s", "forSeconds": 3600, "reading": "%s",
                     "operator": ">", "value": 0}""".formatted(orgA, upA.chainId(), Readings.BLOCK_HEIGHT))));
            String webhookA = id(expect(201, Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"name": "hook-a", "channel": "webhook", "address": "%s", "secret": "%s"}"""
                    .formatted(hooks.url("/a/hook"), WEBHOOK_SECRET))));
            String dingA = id(expect(201, Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"name": "ding-a", "channel": "dingtalk", "address": "%s", "secret": "%s", "severities": ["info"]}"""
                    .formatted(hooks.url("/robot/send?access_token=" + DINGTALK_TOKEN), DINGTALK_SECRET))));
            String silenceA = id(expect(201, Http.as(adminA).postJson(app.url("/api/v1/silences"), """
                    {"matchers": [{"label": "node", "value": "no-such-node"}], "startsAt": "%s", "endsAt": "%s"}"""
                    .formatted(Instant.now(), Instant.now().plus(Duration.ofDays(1))))));
            // ---------------------------------------------------------------- B's own resources
            String ruleB = id(expect(201, Http.as(adminB).postJson(app.url("/api/v1/rules"), """
                    {"type": "node_unreachable", "chainId": "%s", "forSeconds": 1, "emailTo": ["ops-b@b.example"]}"""
                    .formatted(downB.chainId()))));
            String receiverB = id(expect(201, Http.as(adminB).postJson(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "mail-b", "channel": "email", "address": "oncall-b@b.example"}"""
                    .formatted(orgB))));
            String silenceB = id(expect(201, Http.as(adminB).postJson(app.url("/api/v1/silences"), """
                    {"orgId": "%s", "matchers": [{"label": "node", "value": "x"}], "startsAt": "%s", "endsAt": "%s"}"""
                    .formatted(orgB, Instant.now(), Instant.now().plus(Duration.ofDays(1))))));

            feeds.target(downA);
            feeds.target(upA);
            feeds.target(downB);
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downA, PollOutcome.REFUSED, "connection refused"));
            feeds.every(Duration.ofMillis(200), () -> Feeds.ok(upA, 100));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downB, PollOutcome.REFUSED, "connection refused"));
            Mail.await(mail, "ops-a@a.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(30));
            Mail.await(mail, "ops-b@b.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(30));
            await(() -> hooks.requests().stream().anyMatch(r -> r.path().equals("/a/hook")), Duration.ofSeconds(20));
            String firingA = only(Http.as(adminA).getJson(app.url("/api/v1/alerts/current")));
            String firingB = only(Http.as(adminB).getJson(app.url("/api/v1/alerts/current")));
            String pendingA = awaitPending(app, adminA);
            assertThat(hooks.requests()).filteredOn(r -> r.path().equals("/a/hook")).allSatisfy(r ->
                    assertThat(r.header("X-ChainWatch-Signature")).as("signed with the decrypted secret")
                            .startsWith("sha256="));

            // A's own view: the secret is set, its value never shown
            JsonNode hook = JSON.readTree(expect(200, Http.as(adminA).getJson(app.url("/api/v1/receivers/" + webhookA))));
            assertThat(hook.get("secretSet").asBoolean()).isTrue();
            assertThat(hook.get("secretFingerprint").asString()).hasSize(16);
            assertThat(hook.has("secret")).isFalse();
            JsonNode ding = JSON.readTree(expect(200, Http.as(adminA).getJson(app.url("/api/v1/receivers/" + dingA))));
            assertThat(ding.get("address").asString()).endsWith("access_token=***");
            expect(200, Http.get(app.url("/api/v1/receivers")));          // the platform admin's view too
            expect(200, Http.get(app.url("/api/v1/receivers/" + dingA)));
            // at rest: encrypted, not in plaintext anywhere in the row
            String row = app.jdbc().sql("select cast(r.* as text) from alert.receiver r where id = cast(:id as uuid)")
                    .param("id", webhookA).query(String.class).single();
            assertThat(row).doesNotContain(WEBHOOK_SECRET).contains("k1:");

            List<String> idsOfA = List.of(orgA.toString(), ruleA, pendingRuleA, webhookA, dingA, silenceA, firingA,
                    pendingA);
            Map<String, List<Map<String, Object>>> before = snapshot(app, orgA);

            for (String token : List.of(adminB, viewerB)) {
                boolean admin = token.equals(adminB);
                Http b = Http.as(token);
                // ------------------------------------------------------------ lists: only B's, never A's ids
                for (String path : List.of("/api/v1/rules", "/api/v1/alerts", "/api/v1/alerts/current",
                        "/api/v1/alerts/pending", "/api/v1/alerts/history", "/api/v1/alerts/stats",
                        "/api/v1/silences?all=true", "/api/v1/alerts?status=PENDING", "/api/v1/alerts?status=FIRING",
                        "/api/v1/alerts?chainId=" + downA.chainId(), "/api/v1/alerts/current?chainId=" + downA.chainId(),
                        "/api/v1/alerts/history?chainId=" + downA.chainId() + "&hours=48")) {
                    String body = expect(200, b.getJson(app.url(path)));
                    assertThat(body).as(path).doesNotContain(idsOfA);
                }
                assertThat(expect(200, b.getJson(app.url("/api/v1/rules")))).contains(ruleB);
                assertThat(expect(200, b.getJson(app.url("/api/v1/alerts")))).contains(firingB);
                assertThat(expect(200, b.getJson(app.url("/api/v1/silences")))).contains(silenceB);
                if (admin) {
                    assertThat(expect(200, b.getJson(app.url("/api/v1/receivers")))).contains(receiverB)
                            .doesNotContain(idsOfA);
                } else {
                    expect(403, b.getJson(app.url("/api/v1/receivers"))); // receivers: org admins only
                }
                // asking for A's organization explicitly: 403
                for (String path : List.of("/api/v1/rules", "/api/v1/alerts", "/api/v1/alerts/current",
                        "/api/v1/alerts/pending", "/api/v1/alerts/history", "/api/v1/alerts/stats",
                        "/api/v1/silences", "/api/v1/receivers")) {
                    assertThat(expect(403, b.getJson(app.url(path + "?orgId=" + orgA)))).doesNotContain(ruleA);
                }
                // ------------------------------------------------------------ reads of A's resources: 404
                for (String path : List.of("/api/v1/rules/" + ruleA, "/api/v1/rules/" + ruleA + "/enabled",
                        "/api/v1/rules/" + pendingRuleA, "/api/v1/alerts/" + firingA, "/api/v1/alerts/" + pendingA,
                        "/api/v1/silences/" + silenceA)) {
                    problem(404, b.getJson(app.url(path)));
                }
                for (String path : List.of("/api/v1/receivers/" + webhookA, "/api/v1/receivers/" + dingA)) {
                    problem(admin ? 404 : 403, b.getJson(app.url(path)));
                }
                // ------------------------------------------------------------ changes of A's resources
                int denied = admin ? 404 : 403; // a viewer is stopped before anything is looked up
                for (String path : List.of("/api/v1/rules/" + ruleA + "/enable", "/api/v1/rules/" + ruleA + "/disable",
                        "/api/v1/rules/" + ruleA + "/dry-run", "/api/v1/alerts/" + firingA + "/acknowledge",
                        "/api/v1/alerts/" + pendingA + "/acknowledge", "/api/v1/receivers/" + webhookA + "/test",
                        "/api/v1/receivers/" + dingA + "/test")) {
                    problem(denied, b.postJson(app.url(path), "{}"));
                }
                for (String path : List.of("/api/v1/rules/" + ruleA, "/api/v1/receivers/" + webhookA,
                        "/api/v1/receivers/" + dingA, "/api/v1/silences/" + silenceA)) {
                    problem(denied, b.deleteJson(app.url(path)));
                }
                problem(denied, b.putJson(app.url("/api/v1/receivers/" + webhookA), """
                        {"name": "hook-a", "channel": "webhook", "address": "https://203.0.113.7/steal", "secret": "x"}"""));
                // ------------------------------------------------------------ creating in A: 403
                String ruleInA = """
                        {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1}"""
                        .formatted(orgA, downA.chainId());
                for (String path : List.of("/api/v1/rules", "/api/v1/rules/validate", "/api/v1/rules/dry-run")) {
                    problem(403, b.postJson(app.url(path), ruleInA));
                }
                problem(403, b.postJson(app.url("/api/v1/receivers"), """
                        {"orgId": "%s", "name": "evil", "channel": "email", "address": "evil@b.example"}"""
                        .formatted(orgA)));
                problem(403, b.postJson(app.url("/api/v1/silences"), """
                        {"orgId": "%s", "matchers": [{"label": "node", "value": "node-a-down"}], "startsAt": "%s",
                         "endsAt": "%s"}""".formatted(orgA, Instant.now(), Instant.now().plusSeconds(3600))));
                // ------------------------------------------------------------ a viewer changes nothing, not even B's
                if (!admin) {
                    problem(403, b.postJson(app.url("/api/v1/rules"), """
                            {"type": "node_unreachable", "chainId": "%s", "forSeconds": 1}""".formatted(downB.chainId())));
                    problem(403, b.postJson(app.url("/api/v1/rules/" + ruleB + "/disable"), "{}"));
                    problem(403, b.postJson(app.url("/api/v1/alerts/" + firingB + "/acknowledge"), "{}"));
                    problem(403, b.deleteJson(app.url("/api/v1/silences/" + silenceB)));
                    problem(403, b.deleteJson(app.url("/api/v1/rules/" + ruleB)));
                }
            }
            // the operator of B may acknowledge B's alert (B's own resources still work)
            expect(200, Http.as(TestCallers.member(orgB, Role.OPERATOR, Http.SERVICE))
                    .postJson(app.url("/api/v1/alerts/" + firingB + "/acknowledge"), "{}"));

            // ---------------------------------------------------------------- no token, forged token: 401
            String forged = new InternalTokenIssuer((ECPrivateKey) InternalKeys.generate().getPrivate())
                    .issue(Caller.platformAdmin("user:mallory"), Http.SERVICE);
            for (String token : new String[] {null, forged, "not-a-jwt"}) {
                Http x = Http.as(token);
                problem(401, x.getJson(app.url("/api/v1/rules")));
                problem(401, x.getJson(app.url("/api/v1/receivers/" + webhookA)));
                problem(401, x.postJson(app.url("/api/v1/rules"), """
                        {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1}"""
                        .formatted(orgA, downA.chainId())));
                problem(401, x.postJson(app.url("/api/v1/receivers"), """
                        {"orgId": "%s", "name": "x", "channel": "email", "address": "x@x.example"}""".formatted(orgA)));
                problem(401, x.postJson(app.url("/api/v1/alerts/" + firingA + "/acknowledge"), "{}"));
                problem(401, x.deleteJson(app.url("/api/v1/silences/" + silenceA)));
                problem(401, x.deleteJson(app.url("/api/v1/rules/" + ruleA)));
            }

            Map<String, List<Map<String, Object>>> after = snapshot(app, orgA);
            assertThat(after.get("rule")).isEqualTo(before.get("rule"));
            assertThat(after.get("receiver")).isEqualTo(before.get("receiver"));
            assertThat(after.get("silence")).isEqualTo(before.get("silence"));
            assertThat(after.get("alertA")).as("A's alerts unchanged (not acknowledged)").isEqualTo(before.get("alertA"));

            // ---------------------------------------------------------------- A replaces its receiver: secret kept or rotated
            String fingerprint = hook.get("secretFingerprint").asString();
            JsonNode kept = JSON.readTree(expect(200, Http.as(adminA).putJson(app.url("/api/v1/receivers/" + webhookA), """
                    {"name": "hook-a", "channel": "webhook", "address": "%s", "severities": ["critical"]}"""
                    .formatted(hooks.url("/a/hook")))));
            assertThat(kept.get("secretFingerprint").asString()).as("no secret in the body: kept").isEqualTo(fingerprint);
            assertThat(kept.get("severities").get(0).asString()).isEqualTo("critical");
            JsonNode rotated = JSON.readTree(expect(200, Http.as(adminA).putJson(app.url("/api/v1/receivers/" + webhookA), """
                    {"name": "hook-a", "channel": "webhook", "address": "%s", "secret": "%s-rotated"}"""
                    .formatted(hooks.url("/a/hook"), WEBHOOK_SECRET))));
            assertThat(rotated.get("secretFingerprint").asString()).isNotEqualTo(fingerprint);
            assertThat(JSON.readTree(problem(400, Http.as(adminA).putJson(app.url("/api/v1/receivers/" + webhookA), """
                    {"name": "hook-a", "channel": "webhook", "address": "http://169.254.169.254/latest"}""")))
                    .get("field").asString()).isEqualTo("address");
            problem(400, Http.as(TestCallers.platformAdmin(Http.SERVICE)).putJson(
                    app.url("/api/v1/receivers/" + webhookA), """
                    {"orgId": "%s", "name": "hook-a", "channel": "webhook", "address": "%s"}"""
                    .formatted(orgB, hooks.url("/a/hook"))));
            JsonNode removed = JSON.readTree(expect(200, Http.as(adminA).putJson(app.url("/api/v1/receivers/" + webhookA), """
                    {"name": "hook-a", "channel": "webhook", "address": "%s", "secret": ""}"""
                    .formatted(hooks.url("/a/hook")))));
            assertThat(removed.get("secretSet").asBoolean()).isFalse();

            // ---------------------------------------------------------------- unsafe webhook URLs: 400 naming the field
            for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook",
                    "file:///etc/passwd", "http://user:pw@example.com/")) {
                HttpResponse<String> r = Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                        {"name": "bad-%s", "channel": "slack", "address": "%s"}""".formatted(UUID.randomUUID(), url));
                assertThat(JSON.readTree(problem(400, r)).get("field").asString()).isEqualTo("address");
            }
        } finally {
            mail.stop();
        }
        assertThat(bodies).isNotEmpty().allSatisfy(body -> assertThat(body)
                .doesNotContain(WEBHOOK_SECRET, DINGTALK_SECRET, DINGTALK_TOKEN));
    }

    private Map<String, List<Map<String, Object>>> snapshot(AlertApp app, UUID orgA) {
        return Map.of(
                "rule", app.jdbc().sql("select id, org_id, enabled, spec::text from alert.rule order by id").query().listOfRows(),
                "receiver", app.jdbc().sql("select * from alert.receiver order by id").query().listOfRows(),
                "silence", app.jdbc().sql("select * from alert.silence order by id").query().listOfRows(),
                "alertA", app.jdbc().sql("""
                        select fingerprint, status, acknowledged_at, started_at from alert.alert
                         where org_id = :a order by fingerprint""").param("a", orgA).query().listOfRows());
    }

    private String awaitPending(AlertApp app, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode pending = JSON.readTree(expect(200, Http.as(token).getJson(app.url("/api/v1/alerts?status=PENDING"))));
            if (!pending.isEmpty()) {
                return pending.get(0).get("fingerprint").asString();
            }
            Mail.sleep(200);
        }
        throw new AssertionError("no pending alert");
    }

    private String only(HttpResponse<String> response) {
        JsonNode list = JSON.readTree(expect(200, response));
        assertThat(list).hasSize(1);
        return list.get(0).get("fingerprint").asString();
    }

    private String expect(int status, HttpResponse<String> response) {
        bodies.add(response.body());
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": "
                + response.body()).isEqualTo(status);
        return response.body();
    }

    /** The status, as an RFC 9457 problem (content type and status member). */
    private String problem(int status, HttpResponse<String> response) {
        String body = expect(status, response);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.request().uri().toString())
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(body).get("status").asInt()).isEqualTo(status);
        return body;
    }

    private static String id(String body) {
        return JSON.readTree(body).get("id").asString();
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
