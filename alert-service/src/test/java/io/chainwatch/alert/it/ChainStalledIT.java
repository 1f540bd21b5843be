package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.TestServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** chain_stalled end to end: Kafka samples in, alert rows in PostgreSQL, e-mail out through SMTP. */
class ChainStalledIT {

    private static GreenMail mail;
    private static AlertApp app;

    @BeforeAll
    static void start() {
        int smtp = FreePorts.next();
        mail = ITSupport.greenMail(smtp);
        mail.start();
        app = new AlertApp(TestServers.newDatabase(), smtp).start();
    }

    @AfterAll
    static void stop() {
        app.close();
        mail.stop();
    }

    @Test
    void stalledChainFiresOnceAndResolvesOnceWhenTheHeightRisesAgain() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("anvil-1", orgId, "anvil-dev", chainId);
        String ops = "ops-stall@acme.example";
        try (Feeds feeds = new Feeds()) {
            feeds.target(node);
            ITSupport.createRule(app, "chain_stalled", orgId, chainId, 1, List.of(ops));
            AtomicLong height = new AtomicLong(100);
            AtomicBoolean rising = new AtomicBoolean(true);
            feeds.every(Duration.ofMillis(200),
                    () -> Feeds.ok(node, rising.get() ? height.incrementAndGet() : height.get()));

            Mail.sleep(2000);
            assertThat(Mail.to(mail, ops)).as("no alert while the height rises").isEmpty();

            rising.set(false);
            long stalledAt = height.get();
            List<Mail.Received> got = Mail.await(mail, ops,
                    m -> m.subject().equals("[FIRING] Chain stalled: anvil-dev"), 1, Duration.ofSeconds(15));
            Mail.sleep(2000); // the chain stays stalled: no second announcement
            got = Mail.to(mail, ops);
            assertThat(got).hasSize(1);
            String body = got.get(0).body();
            assertThat(body).contains("anvil-dev", chainId, "anvil-1", "acme-" + orgId.substring(0, 4), orgId,
                    "Best height of the chain: " + stalledAt, "last increased at", "outcome OK",
                    "height " + stalledAt, "head age 1 s", "Since: ");
            assertThat(body).containsPattern("\\(for \\d+ s\\)");
            assertThat(firing(orgId)).contains("\"status\":\"FIRING\"").contains("\"type\":\"chain_stalled\"");

            rising.set(true);
            got = Mail.await(mail, ops, m -> m.subject().equals("[RESOLVED] Chain stalled: anvil-dev"), 1,
                    Duration.ofSeconds(15));
            Mail.sleep(1500);
            got = Mail.to(mail, ops);
            assertThat(got).extracting(Mail.Received::subject)
                    .containsExactly("[FIRING] Chain stalled: anvil-dev", "[RESOLVED] Chain stalled: anvil-dev");
            assertThat(got.get(1).body()).contains("anvil-dev", "anvil-1", "advancing again", "Resolved at: ");
            assertThat(Http.get(app.url("/api/v1/alerts?orgId=" + orgId + "&status=RESOLVED")).body())
                    .contains("\"status\":\"RESOLVED\"");
            assertThat(Http.get(app.url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body()).isEqualTo("[]");
        }
    }

    @Test
    void aNewStallAfterTheLastOneResolvedIsAnnouncedWithoutWaitingForTheGroupInterval() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("anvil-2", orgId, "anvil-again", chainId);
        String ops = "ops-again@acme.example";
        try (Feeds feeds = new Feeds()) {
            feeds.target(node);
            ITSupport.createRule(app, "chain_stalled", orgId, chainId, 1, List.of(ops));
            AtomicLong height = new AtomicLong(100);
            AtomicBoolean rising = new AtomicBoolean(true);
            feeds.every(Duration.ofMillis(200),
                    () -> Feeds.ok(node, rising.get() ? height.incrementAndGet() : height.get()));
            Mail.sleep(1500);

            rising.set(false);
            Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(15));
            rising.set(true);
            Mail.await(mail, ops, m -> m.subject().startsWith("[RESOLVED]"), 1, Duration.ofSeconds(15));

            // a second outage well inside the group interval (10 s) of the first announcement
            long stalled = System.nanoTime();
            rising.set(false);
            Mail.await(mail, ops, m -> m.subject().startsWith("[FIRING]"), 2, Duration.ofSeconds(15));
            double seconds = (System.nanoTime() - stalled) / 1e9;
            assertThat(seconds).as("1 s window + group wait, not the 10 s group interval").isLessThan(4.5);
        }
    }

    private static String firing(String orgId) {
        return Http.get(app.url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body();
    }
}
