package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart while an alert fires neither announces it again nor loses its resolution. */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class RestartIT {

    @Test
    void restartWhileFiringDoesNotReannounceAndStillResolves() {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String db = SharedServers.newDatabase("alert");
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-r1", orgId, "chain-r", chainId);
        String ops = "ops-restart@acme.example";
        String firing = "[FIRING] Node unreachable: node-r1 (chain-r)";
        String resolved = "[RESOLVED] Node unreachable: node-r1 (chain-r)";
        AtomicReference<PollOutcome> outcome = new AtomicReference<>(PollOutcome.REFUSED);
        try (Feeds feeds = new Feeds()) {
            AlertApp first = new AlertApp(db, smtp).start();
            try {
                feeds.target(node);
                ITSupport.createRule(first, "node_unreachable", orgId, chainId, 1, List.of(ops));
                feeds.every(Duration.ofMillis(200), () -> outcome.get() == PollOutcome.OK
                        ? Feeds.ok(node, 3) : Feeds.failed(node, outcome.get(), "connection refused"));
                Mail.await(mail, ops, m -> m.subject().equals(firing), 1, Duration.ofSeconds(15));
            } finally {
                first.stop();
            }

            try (AlertApp second = new AlertApp(db, smtp).start()) {
                // the node keeps failing well past forSeconds and the startup grace
                Mail.noMoreFor(mail, ops, Duration.ofMillis(5000));
                assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject).containsExactly(firing);
                assertThat(Http.get(second.url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body())
                        .contains("\"status\":\"FIRING\"", node.nodeId().toString());

                outcome.set(PollOutcome.OK);
                Mail.await(mail, ops, m -> m.subject().equals(resolved), 1, Duration.ofSeconds(15));
                Mail.noMoreFor(mail, ops, Duration.ofMillis(1500));
                assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject).containsExactly(firing, resolved);
                assertThat(second.jdbc().sql("select count(*) from alert.notification_outbox where sent_at is not null")
                        .query(Long.class).single()).isEqualTo(2L);
            }
        } finally {
            mail.stop();
        }
    }
}
