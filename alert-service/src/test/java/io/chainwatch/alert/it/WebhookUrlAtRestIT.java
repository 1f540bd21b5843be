package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook and chat-robot URLs carry their access token (Slack's path, WeCom's {@code key}), so they are secrets:
 * created through the API, they are in no column of {@code alert.receiver} nor of the outbox rows of the messages
 * sent to them (only encrypted), the API shows them masked, a replace that leaves the URL out or sends back the
 * masked one keeps the real URL, and the messages still reach a real local HTTP server at the full URL (path and
 * query). A receiver row and an outbox row stored in plain text by an older version are encrypted when the service
 * starts. Another organization can neither read the receiver nor overwrite its URL.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class WebhookUrlAtRestIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLACK_TOKEN = "sLaCkT0kenXyZ42abcdEF";
    private static final String WECOM_KEY = "wecom-key-6e1f0c2a-93d7";
    private static final String LEGACY_TOKEN = "legacyPlainT0ken-77qq";

    @Test
    void urlsAreEncryptedAtRestMaskedInTheApiAndStillReached() {
        String db = SharedServers.newDatabase("alert");
        UUID orgId = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        String admin = TestCallers.member(orgId, Role.ORG_ADMIN, Http.SERVICE);
        try (StubHttpServer hooks = new StubHttpServer(r -> new StubHttpServer.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
             Feeds feeds = new Feeds()) {
            String slackPath = "/services/T0ABC/B0DEF/" + SLACK_TOKEN;
            String slackUrl = hooks.url(slackPath);
            String wecomUrl = hooks.url("/cgi-bin/webhook/send?key=" + WECOM_KEY);
            String slackId;
            String wecomId;
            AlertApp app = new AlertApp(db, FreePorts.next()).start(); // no SMTP: no e-mail in this test
            try {
                // ------------------------------------------------------------ created: answered masked
                HttpResponse<String> created = Http.as(admin).postJson(app.url("/api/v1/receivers"), """
                        {"name": "ops-slack", "channel": "slack", "address": "%s"}""".formatted(slackUrl));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(created.body()).doesNotContain(SLACK_TOKEN);
                JsonNode slack = JSON.readTree(created.body());
                slackId = slack.get("id").asString();
                assertThat(slack.get("address").asString()).isEqualTo(hooks.url("/services/***"));
                created = Http.as(admin).postJson(app.url("/api/v1/receivers"), """
                        {"name": "ops-wecom", "channel": "wecom", "address": "%s"}""".formatted(wecomUrl));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                wecomId = JSON.readTree(created.body()).get("id").asString();
                String list = Http.as(admin).getJson(app.url("/api/v1/receivers")).body();
                assertThat(list).doesNotContain(SLACK_TOKEN, WECOM_KEY)
                        .contains(hooks.url("/cgi-bin/webhook/send?key=***"), hooks.url("/services/***"));
                assertThat(Http.get(app.url("/api/v1/receivers/" + wecomId)).body())
                        .as("a platform admin sees it masked too").doesNotContain(WECOM_KEY).contains("key=***");

                // ------------------------------------------------------------ at rest: only encrypted
                assertThat(rows(app, "select cast(r.* as text) from alert.receiver r")).hasSize(2)
                        .allSatisfy(row -> assertThat(row).doesNotContain(SLACK_TOKEN, WECOM_KEY).contains("k1:"));

                // ------------------------------------------------------------ an alert reaches the full URLs
                NodeTarget node = ITSupport.target("node-w1", orgId.toString(), "chain-w1", UUID.randomUUID().toString());
                failing(app, feeds, node);
                await(() -> delivered(hooks, slackPath, null) >= 1 && delivered(hooks, "/cgi-bin/webhook/send",
                        "key=" + WECOM_KEY) >= 1, Duration.ofSeconds(30));
                List<String> outbox = rows(app, """
                        select cast(o.* as text) from alert.notification_outbox o where channel in ('slack', 'wecom')""");
                assertThat(outbox).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(row -> assertThat(row).doesNotContain(SLACK_TOKEN, WECOM_KEY).contains("k1:"));

                // ------------------------------------------------------------ another organization: 404, nothing changed
                String otherAdmin = TestCallers.member(otherOrg, Role.ORG_ADMIN, Http.SERVICE);
                assertThat(Http.as(otherAdmin).getJson(app.url("/api/v1/receivers/" + slackId)).statusCode())
                        .isEqualTo(404);
                assertThat(Http.as(otherAdmin).putJson(app.url("/api/v1/receivers/" + slackId), """
                        {"name": "ops-slack", "channel": "slack", "address": "%s"}""".formatted(hooks.url("/stolen")))
                        .statusCode()).isEqualTo(404);
                assertThat(Http.as(otherAdmin).getJson(app.url("/api/v1/receivers")).body()).doesNotContain(slackId);

                // ------------------------------------------------------------ replace: masked URL or none = unchanged
                HttpResponse<String> replaced = Http.as(admin).putJson(app.url("/api/v1/receivers/" + slackId), """
                        {"name": "ops-slack-2", "channel": "slack", "address": "%s"}"""
                        .formatted(slack.get("address").asString()));
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
                assertThat(JSON.readTree(replaced.body()).get("name").asString()).isEqualTo("ops-slack-2");
                replaced = Http.as(admin).putJson(app.url("/api/v1/receivers/" + wecomId), """
                        {"name": "ops-wecom-2", "channel": "wecom", "locale": "zh"}""");
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
                assertThat(rows(app, "select cast(r.* as text) from alert.receiver r"))
                        .allSatisfy(row -> assertThat(row).doesNotContain(SLACK_TOKEN, WECOM_KEY, "/stolen"));
                int slackBefore = delivered(hooks, slackPath, null);
                int wecomBefore = delivered(hooks, "/cgi-bin/webhook/send", "key=" + WECOM_KEY);
                NodeTarget second = ITSupport.target("node-w2", orgId.toString(), "chain-w2", UUID.randomUUID().toString());
                failing(app, feeds, second);
                await(() -> delivered(hooks, slackPath, null) > slackBefore
                        && delivered(hooks, "/cgi-bin/webhook/send", "key=" + WECOM_KEY) > wecomBefore,
                        Duration.ofSeconds(30));
                assertThat(hooks.requests()).as("no message went to a masked or foreign URL")
                        .allSatisfy(r -> assertThat(r.path() + "?" + r.query()).doesNotContain("***", "/stolen"));

                // ------------------------------------------------------------ rows an older version wrote in plain text
                UUID legacyId = UUID.randomUUID();
                app.jdbc().sql("""
                        insert into alert.receiver (id, org_id, name, channel, address)
                        values (:id, :org, 'legacy-hook', 'webhook', :url)""")
                        .param("id", legacyId).param("org", orgId).param("url", hooks.url("/legacy/" + LEGACY_TOKEN))
                        .update();
                app.jdbc().sql("""
                        insert into alert.notification_outbox (idempotency_key, fingerprint, transition, alert_started_at,
                               channel, recipient, receiver_id, subject, body, sent_at)
                        values ('legacy-key', 'legacy', 'FIRING', now(), 'webhook', :url, :id, 's', '{}', now())""")
                        .param("id", legacyId).param("url", hooks.url("/legacy/" + LEGACY_TOKEN)).update();
            } finally {
                app.stop();
            }
            try (AlertApp restarted = new AlertApp(db, FreePorts.next()).start()) {
                assertThat(rows(restarted, "select cast(r.* as text) from alert.receiver r where name = 'legacy-hook'"))
                        .singleElement().satisfies(row -> assertThat(row).doesNotContain(LEGACY_TOKEN).contains("k1:"));
                assertThat(rows(restarted, "select cast(o.* as text) from alert.notification_outbox o"))
                        .allSatisfy(row -> assertThat(row).doesNotContain(LEGACY_TOKEN, SLACK_TOKEN, WECOM_KEY));
                assertThat(Http.as(admin).getJson(restarted.url("/api/v1/receivers")).body())
                        .doesNotContain(LEGACY_TOKEN).contains(hooks.url("/legacy/***"));
                assertThat(restarted.context().getBean(ReceiverRepository.class).list(orgId))
                        .as("decrypted for sending: the full URLs")
                        .extracting(io.chainwatch.alert.receiver.Receiver::address)
                        .containsExactlyInAnyOrder(slackUrl, wecomUrl, hooks.url("/legacy/" + LEGACY_TOKEN));
            }
        }
    }

    /** A rule on {@code node}'s chain that fires within a second, and the node failing from now on. */
    private static void failing(AlertApp app, Feeds feeds, NodeTarget node) {
        feeds.target(node);
        HttpResponse<String> rule = Http.post(app.url("/api/v1/rules"), """
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1, "severity": "critical"}"""
                .formatted(node.orgId(), node.chainId()));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));
    }

    private static int delivered(StubHttpServer hooks, String path, String query) {
        return (int) hooks.requests().stream()
                .filter(r -> r.path().equals(path) && (query == null || query.equals(r.query()))).count();
    }

    private static List<String> rows(AlertApp app, String sql) {
        return app.jdbc().sql(sql).query(String.class).list();
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
