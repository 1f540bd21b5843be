package io.chainwatch.alert.it;

import java.time.Duration;
import java.time.Instant;
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
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule state "pending since" survives a restart: a threshold condition that has held for a while when the service
 * stops fires, after the restart, counted from when it began — not forSeconds after the restart.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class PendingAcrossRestartIT {

    @Test
    void aPendingConditionKeepsItsStartAcrossARestart() {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String db = SharedServers.newDatabase("alert");
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-p1", orgId, "chain-p", chainId);
        String ops = "ops-pending@acme.example";
        try (Feeds feeds = new Feeds()) {
            feeds.target(node);
            Instant firstStop;
            AlertApp first = new AlertApp(db, smtp).start();
            try {
                assertThat(Http.post(first.url("/api/v1/rules"), """
                        {"type":"threshold","orgId":"%s","chainId":"%s","forSeconds":12,"emailTo":["%s"],
                         "reading":"peer.count","operator":"<","value":2}""".formatted(orgId, chainId, ops))
                        .statusCode()).isEqualTo(201);
                feeds.every(Duration.ofMillis(200), () -> lonely(node));
                awaitPending(first);
                Mail.sleep(5000);                                      // pending for ~5 s of its 12
                firstStop = Instant.now();
                Map<String, Object> row = first.jdbc().sql("select * from alert.pending_condition").query().singleRow();
                assertThat(((java.sql.Timestamp) row.get("since")).toInstant()).isBefore(firstStop.minusSeconds(4));
            } finally {
                first.stop();
            }
            Instant restart = Instant.now();
            try (AlertApp second = new AlertApp(db, smtp).start()) {
                List<Mail.Received> got = Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING] Threshold"), 1,
                        Duration.ofSeconds(30));
                Instant fired = Instant.now();
                assertThat(Duration.between(restart, fired)).as("fired before a fresh 12 s count would end")
                        .isLessThan(Duration.ofSeconds(12));
                Instant since = Instant.parse(got.get(0).body().replaceAll("(?s).*\\nSince: (\\S+) .*", "$1"));
                assertThat(since).as("counted from before the restart").isBefore(firstStop.minusSeconds(4));
                // the pending row is deleted by the evaluation round after the one that fired (which may already
                // have sent the e-mail): wait for it, on a loaded machine that can take a moment
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        second.jdbc().sql("select count(*) from alert.pending_condition").query(Long.class).single())
                        .as("fired: no longer pending").isZero());
            }
        } finally {
            mail.stop();
        }
    }

    private static NodeSample lonely(NodeTarget t) {
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), System.currentTimeMillis(), PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, 5.0, Readings.PEER_COUNT, 0.0), Map.of(), List.of(), null);
    }

    private static void awaitPending(AlertApp app) {
        org.awaitility.Awaitility.await("a pending condition stored").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> app.jdbc().sql("select count(*) from alert.pending_condition").query(Long.class).single() > 0);
    }
}
