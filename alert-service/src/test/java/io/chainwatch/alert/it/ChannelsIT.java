package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing to an organization's webhook and SMS receivers, the SMS limit with its summary, and the meta-alert:
 * SMTP is down, so after a few failed e-mail attempts the organization hears about it through the webhook.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class ChannelsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void webhookAndSmsReceiversTheSmsLimitAndAMetaAlertWhileEmailFails() {
        String orgId = UUID.randomUUID().toString();
        try (StubHttpServer hook = new StubHttpServer(r -> new StubHttpServer.Answer(200, "{}"));
             StubHttpServer tencent = new StubHttpServer(r -> new StubHttpServer.Answer(200,
                     "{\"Response\":{\"SendStatusSet\":[{\"Code\":\"Ok\",\"Message\":\"send success\"}],\"RequestId\":\"x\"}}"));
             AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next()) // nothing listens: SMTP down
                     .with("chainwatch.alert.sms.provider", "tencent")
                     .with("chainwatch.alert.sms.endpoint", tencent.url("/"))
                     .with("chainwatch.alert.sms.key-id", "AKIDtest")
                     .with("chainwatch.alert.sms.key-secret", "secret")
                     .with("chainwatch.alert.sms.sdk-app-id", "1400000000")
                     .with("chainwatch.alert.sms.template-id", "100")
                     .with("chainwatch.alert.sms.per-hour", "2")
                     .with("chainwatch.alert.channel-failure-threshold", "3")
                     .start();
             Feeds feeds = new Feeds()) {
            receiver(app, """
                    {"orgId":"%s","name":"ops-hook","channel":"webhook","address":"%s","secret":"hook-secret"}"""
                    .formatted(orgId, hook.url("/alerts")));
            receiver(app, """
                    {"orgId":"%s","name":"ops-phone","channel":"sms","address":"+8613800000001","severities":["critical"]}"""
                    .formatted(orgId));
            for (int i = 0; i < 3; i++) {
                NodeTarget n = ITSupport.target("node-c" + i, orgId, "chain-c" + i, UUID.randomUUID().toString());
                feeds.target(n);
                ITSupport.createRule(app, "node_unreachable", UUID.fromString(orgId), n.chainId(), 1,
                        List.of("ops-c@acme.example"));
                feeds.every(Duration.ofMillis(200), () -> Feeds.failed(n, PollOutcome.REFUSED, "connection refused"));
            }

            await(() -> hook.requests().size() >= 4 && tencent.requests().size() >= 4, Duration.ofSeconds(30));
            Mail.sleep(2000);
            List<JsonNode> docs = hook.requests().stream().map(r -> JSON.readTree(r.body())).toList();
            assertThat(docs).filteredOn(d -> d.get("kind").asString().equals("FIRING")).hasSize(3)
                    .allSatisfy(d -> assertThat(d.get("subject").asString()).startsWith("[FIRING] Node unreachable: node-c"));
            assertThat(docs).filteredOn(d -> d.get("kind").asString().equals("NOTICE")).singleElement()
                    .satisfies(d -> assertThat(d.get("subject").asString())
                            .isEqualTo("[FIRING] Notification channel failing: email"));
            assertThat(hook.requests()).allSatisfy(r -> assertThat(r.header("X-ChainWatch-Signature")).startsWith("sha256="));

            List<String> texts = tencent.requests().stream()
                    .map(r -> JSON.readTree(r.body()).get("TemplateParamSet").get(0).asString()).toList();
            assertThat(texts).hasSize(4);
            assertThat(texts).filteredOn(t -> t.startsWith("[FIRING] Node unreachable")).hasSize(2);
            assertThat(texts).filteredOn(t -> t.startsWith("ChainWatch: SMS limit reached")).hasSize(1);
            assertThat(texts).as("the meta-alert also goes by SMS").filteredOn(t -> t.startsWith("[FIRING] Notification channel failing: email")).hasSize(1);
            assertThat(tencent.requests()).allSatisfy(r ->
                    assertThat(r.header("Authorization")).startsWith("TC3-HMAC-SHA256 Credential=AKIDtest/"));
            assertThat(app.jdbc().sql("select count(*) from alert.notification_outbox where channel = 'email' and sent_at is null")
                    .query(Long.class).single()).as("e-mail still waits, not lost").isEqualTo(3L);
        }
    }

    private static void receiver(AlertApp app, String json) {
        HttpResponse<String> r = Http.post(app.url("/api/v1/receivers"), json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
