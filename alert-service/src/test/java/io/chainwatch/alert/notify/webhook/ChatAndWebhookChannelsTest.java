package io.chainwatch.alert.notify.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.dingtalk.DingTalkNotifier;
import io.chainwatch.alert.notify.slack.SlackNotifier;
import io.chainwatch.alert.notify.wecom.WeComNotifier;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.events.PollOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook channels against local servers that check what the real receivers check: the generic webhook's
 * HMAC header, DingTalk's timestamp + sign (as DingTalk documents it), and the message shapes of DingTalk, WeCom
 * and Slack.
 */
class ChatAndWebhookChannelsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID CHAIN = UUID.randomUUID();
    private static final String SECRET = "SEC0123456789abcdef";

    private final List<AlertEvent> group = List.of(event("node-1"), event("node-2"));

    @Test
    void genericWebhookCarriesJsonAVerifiableSignatureAndTheIdempotencyKey() {
        try (StubHttpServer hook = new StubHttpServer(r -> new StubHttpServer.Answer(
                validHmac(r) ? 204 : 401, ""))) {
            Receiver receiver = receiver("webhook", hook.url("/hook"), SECRET);
            WebhookNotifier notifier = new WebhookNotifier(JSON, repository(receiver));
            Message m = notifier.render(group, receiver);
            Notifier.Result result = notifier.send(notification(m, receiver, "webhook"));
            assertThat(result.sent()).as(String.valueOf(result.error())).isTrue();
            StubHttpServer.Request req = hook.requests().get(0);
            assertThat(req.header("Idempotency-Key")).isEqualTo("idem-1");
            JsonNode doc = JSON.readTree(req.body());
            assertThat(doc.get("kind").asString()).isEqualTo("FIRING");
            assertThat(doc.get("subject").asString()).isEqualTo("[FIRING] Node unreachable: 2 nodes of chain-x (node-1, node-2)");
            assertThat(doc.get("alerts").size()).isEqualTo(2);

            Receiver wrong = receiver("webhook", hook.url("/hook"), "other-secret");
            Notifier.Result rejected = new WebhookNotifier(JSON, repository(wrong)).send(notification(m, wrong, "webhook"));
            assertThat(rejected.sent()).isFalse();
            assertThat(rejected.retryable()).as("401 is permanent").isFalse();
        }
        try (StubHttpServer down = new StubHttpServer(r -> new StubHttpServer.Answer(503, "busy"))) {
            Receiver receiver = receiver("webhook", down.url("/hook"), null);
            assertThat(new WebhookNotifier(JSON, repository(receiver))
                    .send(notification(new Message("s", "{}", null), receiver, "webhook")).retryable()).isTrue();
        }
    }

    /** HMAC-SHA256(secret, timestamp + "." + body), hex, as the header says. */
    private static boolean validHmac(StubHttpServer.Request r) {
        String expected = "sha256=" + HexFormat.of().formatHex(hmac(SECRET, r.header("X-ChainWatch-Timestamp") + "." + r.body()));
        return expected.equals(r.header("X-ChainWatch-Signature"));
    }

    @Test
    void dingTalkRobotIsSignedWithTimestampAndSecret() {
        try (StubHttpServer dingtalk = new StubHttpServer(r -> validDingTalk(r)
                ? new StubHttpServer.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")
                : new StubHttpServer.Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"))) {
            Receiver receiver = receiver("dingtalk", dingtalk.url("/robot/send?access_token=abc"), SECRET);
            DingTalkNotifier notifier = new DingTalkNotifier(JSON, repository(receiver));
            Message m = notifier.render(group, receiver);
            Notifier.Result ok = notifier.send(notification(m, receiver, "dingtalk"));
            assertThat(ok.sent()).as(String.valueOf(ok.error())).isTrue();
            JsonNode body = JSON.readTree(dingtalk.requests().get(0).body());
            assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
            assertThat(body.get("markdown").get("title").asString()).contains("Node unreachable");
            assertThat(body.get("markdown").get("text").asString()).contains("node-1", "node-2");

            Receiver wrong = receiver("dingtalk", dingtalk.url("/robot/send?access_token=abc"), "SECwrong");
            Notifier.Result bad = new DingTalkNotifier(JSON, repository(wrong)).send(notification(m, wrong, "dingtalk"));
            assertThat(bad.sent()).isFalse();
            assertThat(bad.retryable()).isFalse();
            assertThat(bad.error()).contains("310000");
        }
        try (StubHttpServer busy = new StubHttpServer(r -> new StubHttpServer.Answer(200,
                "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"))) {
            Receiver receiver = receiver("dingtalk", busy.url("/robot/send?access_token=abc"), null);
            assertThat(new DingTalkNotifier(JSON, repository(receiver))
                    .send(notification(new Message("s", "{}", null), receiver, "dingtalk")).retryable()).isTrue();
        }
    }

    /** DingTalk: sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))), timestamp in ms, ≤ 1 h old. */
    private static boolean validDingTalk(StubHttpServer.Request r) {
        Map<String, String> q = new TreeMap<>();
        for (String pair : r.query().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        long ts = Long.parseLong(q.get("timestamp"));
        String expected = Base64.getEncoder().encodeToString(hmac(SECRET, ts + "\n" + SECRET));
        return "abc".equals(q.get("access_token"))
                && expected.equals(URLDecoder.decode(q.get("sign"), StandardCharsets.UTF_8))
                && Math.abs(System.currentTimeMillis() - ts) < 3_600_000;
    }

    @Test
    void weComAndSlackGetTheirMessageShapes() {
        try (StubHttpServer wecom = new StubHttpServer(r -> new StubHttpServer.Answer(200,
                r.query() != null && r.query().equals("key=k1") ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                        : "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"))) {
            Receiver receiver = receiver("wecom", wecom.url("/cgi-bin/webhook/send?key=k1"), null);
            WeComNotifier notifier = new WeComNotifier(JSON);
            Message m = notifier.render(group, new Receiver(null, ORG, "cn", "wecom", receiver.address(), "zh", null,
                    List.of(), List.of(), 0, true, null));
            assertThat(notifier.send(notification(m, receiver, "wecom")).sent()).isTrue();
            JsonNode body = JSON.readTree(wecom.requests().get(0).body());
            assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
            assertThat(body.get("markdown").get("content").asString()).contains("节点不可达", "node-1");
            Receiver badKey = receiver("wecom", wecom.url("/cgi-bin/webhook/send?key=nope"), null);
            assertThat(notifier.send(notification(m, badKey, "wecom")).retryable()).isFalse();
        }
        try (StubHttpServer slack = new StubHttpServer(r -> new StubHttpServer.Answer(200, "ok"))) {
            Receiver receiver = receiver("slack", slack.url("/services/T/B/X"), null);
            SlackNotifier notifier = new SlackNotifier(JSON);
            Message m = notifier.render(group, receiver);
            assertThat(notifier.send(notification(m, receiver, "slack")).sent()).isTrue();
            assertThat(JSON.readTree(slack.requests().get(0).body()).get("text").asString())
                    .startsWith("*[FIRING] Node unreachable: 2 nodes of chain-x").contains("• Node node-1 unreachable");
        }
    }

    @Test
    void aGroupsSubjectNamesItsNodesInOrderWhateverOrderTheirTransitionsCameIn() {
        assertThat(io.chainwatch.alert.notify.text.AlertText.of(false).subject(
                List.of(event("node-3"), event("node-1"), event("node-2"))))
                .isEqualTo("[FIRING] Node unreachable: 3 nodes of chain-x (node-1, node-2, node-3)");
    }

    // ------------------------------------------------------------------ helpers

    private static AlertEvent event(String node) {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        Snapshot s = new Snapshot(ORG, "acme", CHAIN, "chain-x", 10.0, t,
                List.of(new NodeView(id(node), node, t, PollOutcome.REFUSED, "refused", 10.0, 1.0, t)));
        return new AlertEvent("fp-" + node, "FIRING", UUID.randomUUID(), "node_unreachable", "critical", 5,
                ORG, "acme", CHAIN, "chain-x", id(node), node, t, t, t.plusSeconds(5),
                "Node " + node + " unreachable: polls fail", s, 0);
    }

    private static Receiver receiver(String channel, String address, String secret) {
        return new Receiver(UUID.randomUUID(), ORG, channel + "-r", channel, address, "en", secret, List.of(), List.of(),
                0, true, null);
    }

    private static Notification notification(Message m, Receiver r, String channel) {
        return new Notification(1, channel, r.address(), m.subject(), m.text(), m.html(), "idem-1", r.id(), 0);
    }

    private static ReceiverRepository repository(Receiver r) {
        return new ReceiverRepository(null, JSON, null, null) {
            @Override
            public Optional<Receiver> find(UUID id) {
                return r.id().equals(id) ? Optional.of(r) : Optional.empty();
            }
        };
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
