package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert lifecycle starts with PENDING in the alert API: while a rule's condition holds but not yet for
 * {@code forSeconds}, the alert is listed as PENDING (nothing announced); it then becomes FIRING (announced once),
 * or — when the condition clears first — disappears without any notification.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class PendingAlertIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static GreenMail mail;
    private static AlertApp app;
    private static Feeds feeds;

    @BeforeAll
    static void start() {
        int smtp = FreePorts.next();
        mail = ITSupport.greenMail(smtp);
        mail.start();
        app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
        feeds = new Feeds();
    }

    @AfterAll
    static void stop() {
        feeds.close();
        app.close();
        mail.stop();
    }

    @Test
    void pendingThenFiring() {
        String orgId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-p1", orgId, "chain-p1", UUID.randomUUID().toString());
        String ops = "ops-pending-fire@acme.example";
        String ruleId = thresholdRule(orgId, node.chainId().toString(), 5, ops);
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.ok(node, 100));

        JsonNode pending = awaitStatus(orgId, "PENDING", Duration.ofSeconds(15));
        String fp = pending.get("fingerprint").asString();
        assertThat(pending.get("ruleId").asString()).isEqualTo(ruleId);
        assertThat(pending.get("nodeName").asString()).isEqualTo("node-p1");
        assertThat(pending.get("summary").asString()).contains("fires when it has held for 5 s");
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/alerts/" + fp)).body()).get("status").asString())
                .isEqualTo("PENDING");
        assertThat(Http.get(app.url("/api/v1/alerts/pending?orgId=" + orgId)).body()).contains(fp);
        assertThat(Http.get(app.url("/api/v1/alerts/current?orgId=" + orgId)).body()).isEqualTo("[]");
        assertThat(Http.post(app.url("/api/v1/alerts/" + fp + "/acknowledge"), "{}").statusCode())
                .as("a pending alert cannot be acknowledged").isEqualTo(409);
        assertThat(Mail.to(mail, ops)).as("nothing announced while pending").isEmpty();

        JsonNode firing = awaitStatus(orgId, "FIRING", Duration.ofSeconds(20));
        assertThat(firing.get("fingerprint").asString()).isEqualTo(fp);
        Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(15));
        Mail.sleep(1500);
        JsonNode all = JSON.readTree(Http.get(app.url("/api/v1/alerts?orgId=" + orgId)).body());
        assertThat(all).as("one alert, no longer pending").hasSize(1);
        assertThat(all.get(0).get("status").asString()).isEqualTo("FIRING");
        assertThat(Mail.to(mail, ops)).hasSize(1);
    }

    @Test
    void pendingThenClearedWithoutNotification() {
        String orgId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-p2", orgId, "chain-p2", UUID.randomUUID().toString());
        String ops = "ops-pending-clear@acme.example";
        thresholdRule(orgId, node.chainId().toString(), 6, ops);
        AtomicLong height = new AtomicLong(100);
        feeds.target(node);
        feeds.every(Duration.ofMillis(200), () -> Feeds.ok(node, height.get()));

        String fp = awaitStatus(orgId, "PENDING", Duration.ofSeconds(15)).get("fingerprint").asString();
        height.set(10);                                           // the condition clears before 6 s have passed

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!JSON.readTree(Http.get(app.url("/api/v1/alerts?orgId=" + orgId)).body()).isEmpty()
                && System.nanoTime() < deadline) {
            Mail.sleep(200);
        }
        assertThat(Http.get(app.url("/api/v1/alerts?orgId=" + orgId)).body()).isEqualTo("[]");
        Mail.sleep(7000);                                         // past forSeconds: it must not fire after all
        assertThat(Http.get(app.url("/api/v1/alerts?orgId=" + orgId)).body()).isEqualTo("[]");
        HttpResponse<String> gone = Http.get(app.url("/api/v1/alerts/" + fp));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.get(app.url("/api/v1/alerts/history?orgId=" + orgId)).body()).isEqualTo("[]");
        assertThat(Mail.to(mail, ops)).as("cleared before firing: no notification").isEmpty();
        assertThat(app.jdbc().sql("select count(*) from alert.alert_event where fingerprint = :fp").param("fp", fp)
                .query(Long.class).single()).isZero();
    }

    private static String thresholdRule(String orgId, String chainId, int forSeconds, String to) {
        HttpResponse<String> r = Http.post(app.url("/api/v1/rules"), """
                {"type": "threshold", "orgId": "%s", "chainId": "%s", "forSeconds": %d, "emailTo": ["%s"],
                 "reading": "%s", "operator": ">", "value": 50}"""
                .formatted(orgId, chainId, forSeconds, to, Readings.BLOCK_HEIGHT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asString();
    }

    private static JsonNode awaitStatus(String orgId, String status, Duration timeout) {
        JsonNode list = org.awaitility.Awaitility.await("a " + status + " alert").atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(Http.get(app.url("/api/v1/alerts?orgId=" + orgId + "&status=" + status)).body()),
                        l -> !l.isEmpty());
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
