package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert lifecycle over HTTP and SMTP: grouping, acknowledgement, history and MTTA / MTTR, metrics, silences,
 * inhibition, and an organization receiver with Chinese e-mail.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class LifecycleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static GreenMail mail;
    private static AlertApp app;
    private static Feeds feeds;

    @BeforeAll
    static void start() {
        int smtp = FreePorts.next();
        mail = ITSupport.greenMail(smtp);
        mail.start();
        app = new AlertApp(SharedServers.newDatabase("alert"), smtp).with("chainwatch.alert.group-wait", "1s").start();
        feeds = new Feeds();
    }

    @AfterAll
    static void stop() {
        feeds.close();
        app.close();
        mail.stop();
    }

    @Test
    void metricSeriesExistFromStartup() {
        String prom = Http.get(app.managementUrl("/actuator/prometheus")).body();
        for (String channel : List.of("email")) {
            for (String result : List.of("sent", "retry", "failed")) {
                assertThat(prom).contains("chainwatch_notifications_total{channel=\"" + channel + "\",result=\"" + result + "\"}");
            }
        }
        assertThat(prom).contains("chainwatch_alert_transitions_total{status=\"FIRING\",type=\"threshold\"} 0.0",
                "chainwatch_outbox_pending");
    }

    @Test
    void oneMessagePerGroupListingTheNodesThenAcknowledgeAndMttaMttr() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        List<NodeTarget> nodes = List.of(ITSupport.target("node-g1", orgId, "chain-g", chainId),
                ITSupport.target("node-g2", orgId, "chain-g", chainId),
                ITSupport.target("node-g3", orgId, "chain-g", chainId));
        String ops = "ops-group@acme.example";
        Map<UUID, PollOutcome> outcome = new ConcurrentHashMap<>();
        nodes.forEach(n -> {
            outcome.put(n.nodeId(), PollOutcome.REFUSED);
            feeds.target(n);
        });
        ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of(ops));
        nodes.forEach(n -> feeds.every(Duration.ofMillis(200), () -> outcome.get(n.nodeId()) == PollOutcome.OK
                ? Feeds.ok(n, 9) : Feeds.failed(n, PollOutcome.REFUSED, "connection refused")));
        String firing = "[FIRING] Node unreachable: 3 nodes of chain-g (node-g1, node-g2, node-g3)";
        Mail.await(mail, ops, m -> m.subject().equals(firing), 1, Duration.ofSeconds(20));
        Mail.noMoreFor(mail, ops, Duration.ofMillis(2500));
        List<Mail.Received> got = Mail.to(mail, ops);
        assertThat(got).extracting(Mail.Received::subject).containsExactly(firing);
        assertThat(got.get(0).body()).contains("== node-g1 ==", "== node-g2 ==", "== node-g3 ==");

        JsonNode current = JSON.readTree(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body());
        assertThat(current.size()).isEqualTo(3);
        String fp = current.get(0).get("fingerprint").asString();
        HttpResponse<String> ack = Http.post(app.url("/api/v1/alerts/" + fp + "/acknowledge"), "{\"by\": \"alice\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        // the actor is the authenticated caller (the test gateway's platform admin), not the body's "by"
        assertThat(JSON.readTree(ack.body()).get("acknowledgedBy").asString()).isEqualTo("user:test-admin");
        assertThat(Http.post(app.url("/api/v1/alerts/" + fp + "/acknowledge"), "{}").statusCode()).isEqualTo(409);
        assertThat(Http.post(app.url("/api/v1/alerts/nope/acknowledge"), "{}").statusCode()).isEqualTo(404);

        nodes.forEach(n -> outcome.put(n.nodeId(), PollOutcome.OK));
        String resolved = "[RESOLVED] Node unreachable: 3 nodes of chain-g (node-g1, node-g2, node-g3)";
        Mail.await(mail, ops, m -> m.subject().equals(resolved), 1, Duration.ofSeconds(20));
        Mail.noMoreFor(mail, ops, Duration.ofMillis(1500));
        assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject).containsExactly(firing, resolved);

        JsonNode stats = JSON.readTree(Http.get(app.url("/api/v1/alerts/stats?orgId=" + orgId)).body());
        assertThat(stats.size()).as(stats.toString()).isEqualTo(2); // the chain and the organization
        for (JsonNode row : stats) {
            assertThat(row.get("alerts").asLong()).isEqualTo(3);
            assertThat(row.get("acknowledged").asLong()).isEqualTo(1);
            assertThat(row.get("resolved").asLong()).isEqualTo(3);
            assertThat(row.get("mttaSeconds").asDouble()).isPositive();
            assertThat(row.get("mttrSeconds").asDouble()).isGreaterThan(row.get("mttaSeconds").asDouble());
        }
        JsonNode history = JSON.readTree(Http.get(app.url("/api/v1/alerts/history?orgId=" + orgId)).body());
        assertThat(history.size()).isEqualTo(3);
        String prom = Http.get(app.managementUrl("/actuator/prometheus")).body();
        assertThat(prom).containsPattern(
                "chainwatch_alert_time_to_acknowledge_seconds_count\\{chain=\"chain-g\",org=\"acme-[^\"]+\"} 1(\\.0)?\n");
        assertThat(prom).containsPattern(
                "chainwatch_alert_time_to_resolve_seconds_count\\{chain=\"chain-g\",org=\"acme-[^\"]+\"} 3(\\.0)?\n");
        assertThat(prom).containsPattern("chainwatch_notifications_total\\{channel=\"email\",result=\"sent\"} [1-9]");
        assertThat(prom).containsPattern("chainwatch_alerts_firing\\{chain=\"chain-g\",org=\"acme-[^\"]+\",severity=\"critical\"} 0(\\.0)?\n");
    }

    @Test
    void aSilencedAlertIsAnnouncedWhenTheSilenceEnds() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-s1", orgId, "chain-s", chainId);
        String ops = "ops-silence@acme.example";
        HttpResponse<String> silence = Http.post(app.url("/api/v1/silences"), """
                {"orgId": "%s", "kind": "maintenance", "matchers": [{"label": "node", "op": "=~", "value": "node-s.*"}],
                 "startsAt": "%s", "endsAt": "%s", "comment": "upgrade"}"""
                .formatted(orgId, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600)));
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);
        String silenceId = JSON.readTree(silence.body()).get("id").asString();
        assertThat(Http.post(app.url("/api/v1/silences"), """
                {"orgId": "%s", "matchers": [{"label": "node", "op": "=~", "value": "("}],
                 "startsAt": "%s", "endsAt": "%s"}""".formatted(orgId, Instant.now(), Instant.now().plusSeconds(60)))
                .statusCode()).isEqualTo(400);
        feeds.target(node);
        ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of(ops));
        feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

        awaitOpen(orgId, 1);
        Mail.noMoreFor(mail, ops, Duration.ofMillis(3000));
        assertThat(Mail.to(mail, ops)).as("silenced").isEmpty();

        assertThat(Http.delete(app.url("/api/v1/silences/" + silenceId)).statusCode()).isEqualTo(204);
        Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Node unreachable: node-s1 (chain-s)"), 1,
                Duration.ofSeconds(15));
        Mail.noMoreFor(mail, ops, Duration.ofMillis(2000));
        assertThat(Mail.to(mail, ops)).hasSize(1);
    }

    @Test
    void aStallThatAnAnsweringNodeShowsIsAnnouncedBesideAnUnreachableNodeAndAChineseReceiverGetsHtmlAndText()
            throws Exception {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget up = ITSupport.target("node-i1", orgId, "chain-i", chainId);
        NodeTarget down = ITSupport.target("node-i2", orgId, "chain-i", chainId);
        String ops = "ops-inhibit@acme.example";
        String zh = "zh-oncall@acme.example";
        HttpResponse<String> receiver = Http.post(app.url("/api/v1/receivers"), """
                {"orgId": "%s", "name": "oncall-cn", "channel": "email", "address": "%s", "locale": "zh",
                 "ruleTypes": ["node_unreachable"]}""".formatted(orgId, zh));
        assertThat(receiver.statusCode()).as(receiver.body()).isEqualTo(201);
        feeds.target(up);
        feeds.target(down);
        ITSupport.createRule(app, "chain_stalled", orgId, chainId, 2, List.of(ops));
        ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of(ops));
        feeds.every(Duration.ofMillis(200), () -> Feeds.ok(up, 42));          // answers, height never moves
        feeds.every(Duration.ofMillis(200), () -> Feeds.failed(down, PollOutcome.REFUSED, "connection refused"));

        // node-i1 answers and shows no new block: the chain itself stopped, which node-i2's outage does not say
        Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 2, Duration.ofSeconds(20));
        Mail.noMoreFor(mail, ops, Duration.ofMillis(2000));
        assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject).containsExactlyInAnyOrder(
                "[FIRING] Node unreachable: node-i2 (chain-i)", "[FIRING] Chain stalled: chain-i");

        List<Mail.Received> chinese = Mail.await(mail, zh, m -> true, 1, Duration.ofSeconds(5));
        assertThat(chinese).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("[告警] 节点不可达：node-i2 (chain-i)");
            assertThat(m.body()).contains("不可达", "组织", "链", "节点");
        });
        MimeMessage raw = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> { try { return m.getAllRecipients()[0].toString().equals(zh); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        assertThat(Mail.html(raw)).contains("<table", "node-i2");
        assertThat(raw.getMessageID()).matches("<[0-9a-f]{32}@chainwatch>");
    }

    @Test
    void whenTheOnlyNodeIsUnreachableNoStallIsAnnounced() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget only = ITSupport.target("node-j1", orgId, "chain-j", chainId);
        String ops = "ops-inhibit-only@acme.example";
        feeds.target(only);
        ITSupport.createRule(app, "chain_stalled", orgId, chainId, 2, List.of(ops));
        ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of(ops));
        java.util.concurrent.atomic.AtomicLong height = new java.util.concurrent.atomic.AtomicLong(100);
        java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
        feeds.every(Duration.ofMillis(200), () -> alive.get() ? Feeds.ok(only, height.incrementAndGet())
                : Feeds.failed(only, PollOutcome.REFUSED, "connection refused"));
        Mail.sleep(1500);
        alive.set(false); // the node goes away: its chain shows no new block either, and that is no news

        Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Node unreachable: node-j1 (chain-j)"), 1,
                Duration.ofSeconds(20));
        Mail.noMoreFor(mail, ops, Duration.ofMillis(5000)); // well past the stall's 2 s: no node answers to show the chain stopped
        assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject)
                .containsExactly("[FIRING] Node unreachable: node-j1 (chain-j)");
    }

    @Test
    void aRuleWithoutRecipientsIsRoutedThroughTheOrganizationsReceivers() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-r1", orgId, "chain-r", chainId);
        String oncall = "oncall-routed@acme.example";
        String warningsOnly = "warnings-routed@acme.example";
        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId": "%s", "name": "oncall", "channel": "email", "address": "%s", "severities": ["critical"]}"""
                .formatted(orgId, oncall)).statusCode()).isEqualTo(201);
        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId": "%s", "name": "warnings", "channel": "email", "address": "%s", "severities": ["warning"]}"""
                .formatted(orgId, warningsOnly)).statusCode()).isEqualTo(201);
        HttpResponse<String> rule = Http.post(app.url("/api/v1/rules"), """
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1}"""
                .formatted(orgId, chainId));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

        Mail.await(mail, oncall, m -> m.subject().equals("[FIRING] Node unreachable: node-r1 (chain-r)"), 1,
                Duration.ofSeconds(20));
        Mail.noMoreFor(mail, oncall, Duration.ofMillis(1500));
        assertThat(Mail.to(mail, oncall)).hasSize(1);
        assertThat(Mail.to(mail, warningsOnly)).as("routed by severity").isEmpty();
    }

    @Test
    void unacknowledgedAlertsEscalateAndRepeatUntilAcknowledged() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-e1", orgId, "chain-e", chainId);
        String ops = "ops-escalate@acme.example";
        String boss = "boss@acme.example";
        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId": "%s", "name": "boss", "channel": "email", "address": "%s", "escalationLevel": 1}"""
                .formatted(orgId, boss)).statusCode()).isEqualTo(201);
        HttpResponse<String> rule = Http.post(app.url("/api/v1/rules"), """
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1, "emailTo": ["%s"],
                 "options": {"repeatSeconds": 5, "escalateAfterSeconds": 3}}""".formatted(orgId, chainId, ops));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

        String firing = "[FIRING] Node unreachable: node-e1 (chain-e)";
        Mail.await(mail, ops, m -> m.subject().equals(firing), 1, Duration.ofSeconds(20));
        assertThat(Mail.to(mail, boss)).as("not escalated yet").isEmpty();
        Mail.await(mail, boss, m -> m.subject().equals("[ESCALATED] Node unreachable: node-e1 (chain-e)"), 1,
                Duration.ofSeconds(10));
        Mail.await(mail, ops, m -> m.subject().equals("[REPEAT] Node unreachable: node-e1 (chain-e)"), 1,
                Duration.ofSeconds(15));
        assertThat(Mail.to(mail, boss)).as("escalated once").hasSize(1);

        String fp = JSON.readTree(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).get(0)
                .get("fingerprint").asString();
        assertThat(Http.post(app.url("/api/v1/alerts/" + fp + "/acknowledge"), "{\"by\": \"bob\"}").statusCode())
                .isEqualTo(200);
        int afterAck = Mail.to(mail, ops).size();
        Mail.noMoreFor(mail, ops, Duration.ofMillis(7_000));                                    // past another repeat interval
        assertThat(Mail.to(mail, ops)).as("acknowledged: no more repeats").hasSize(afterAck);
    }

    private static void awaitOpen(String orgId, int count) {
        org.awaitility.Awaitility.await("" + count + " open alerts").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).size() >= count);
    }
}
