package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** chain_stalled end to end: Kafka samples in, alert rows in PostgreSQL, e-mail out through SMTP. */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class ChainStalledIT {

    @RegisterExtension
    static final AppWithMail SERVICE = new AppWithMail();

    @Test
    void stalledChainFiresOnceAndResolvesOnceWhenTheHeightRisesAgain() {
        String ops = "ops-stall@acme.example";
        try (StallableChain chain = StallableChain.start("anvil-1", "anvil-dev", ops)) {
            String orgId = chain.orgId();
            AtomicLong height = chain.height();
            AtomicBoolean rising = chain.rising();

            Mail.sleep(2000);
            assertThat(Mail.to(mail(), ops)).as("no alert while the height rises").isEmpty();

            rising.set(false);
            long stalledAt = height.get();
            List<Mail.Received> got = Mail.await(mail(), ops,
                    m -> m.subject().equals("[FIRING] Chain stalled: anvil-dev"), 1, Duration.ofSeconds(15));
            Mail.sleep(2000); // the chain stays stalled: no second announcement
            got = Mail.to(mail(), ops);
            assertThat(got).hasSize(1);
            String body = got.get(0).body();
            assertThat(body).contains("anvil-dev", chain.chainId(), "anvil-1", "acme-" + orgId.substring(0, 4), orgId,
                    "Best height of the chain: " + stalledAt, "last increased at", "outcome OK",
                    "height " + stalledAt, "head age 1 s", "Since: ");
            assertThat(body).containsPattern("\\(for \\d+ s\\)");
            assertThat(firing(orgId)).contains("\"status\":\"FIRING\"").contains("\"type\":\"chain_stalled\"");
            // the stall's deadline timer ran, and how late it started is measured (what ChainwatchAlertTimersLate watches)
            assertThat(ITSupport.metric(app(), "chainwatch_alert_deadline_lateness_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(ITSupport.metric(app(), "chainwatch_alert_deadline_lateness_seconds_max")).isNotNaN()
                    .isGreaterThanOrEqualTo(0);

            rising.set(true);
            got = Mail.await(mail(), ops, m -> m.subject().equals("[RESOLVED] Chain stalled: anvil-dev"), 1,
                    Duration.ofSeconds(15));
            Mail.sleep(1500);
            got = Mail.to(mail(), ops);
            assertThat(got).extracting(Mail.Received::subject)
                    .containsExactly("[FIRING] Chain stalled: anvil-dev", "[RESOLVED] Chain stalled: anvil-dev");
            assertThat(got.get(1).body()).contains("anvil-dev", "anvil-1", "advancing again", "Resolved at: ");
            assertThat(Http.get(app().url("/api/v1/alerts?orgId=" + orgId + "&status=RESOLVED")).body())
                    .contains("\"status\":\"RESOLVED\"");
            assertThat(Http.get(app().url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body()).isEqualTo("[]");
        }
    }

    @Test
    void aNewStallAfterTheLastOneResolvedIsAnnouncedWithoutWaitingForTheGroupInterval() {
        String ops = "ops-again@acme.example";
        try (StallableChain chain = StallableChain.start("anvil-2", "anvil-again", ops)) {
            AtomicBoolean rising = chain.rising();
            Mail.sleep(1500);

            rising.set(false);
            Mail.await(mail(), ops, m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(15));
            rising.set(true);
            Mail.await(mail(), ops, m -> m.subject().startsWith("[RESOLVED]"), 1, Duration.ofSeconds(15));

            // a second outage well inside the group interval (10 s) of the first announcement
            long stalled = System.nanoTime();
            rising.set(false);
            Mail.await(mail(), ops, m -> m.subject().startsWith("[FIRING]"), 2, Duration.ofSeconds(15));
            double seconds = (System.nanoTime() - stalled) / 1e9;
            assertThat(seconds).as("1 s window + group wait, not the 10 s group interval").isLessThan(4.5);
        }
    }

    private static String firing(String orgId) {
        return Http.get(app().url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body();
    }

    private static AlertApp app() {
        return SERVICE.app();
    }

    private static GreenMail mail() {
        return SERVICE.mail();
    }

    /**
     * A fresh chain (new organization and chain ids) of one node, under a {@code chain_stalled} rule of 1 s that
     * mails {@code ops}. The node reports an OK sample every 200 ms; its height starts at 100 and goes up by one
     * with each sample while {@link #rising()} is set, and stays put while it is not. Closing stops the samples.
     */
    private record StallableChain(String orgId, String chainId, NodeTarget node, AtomicLong height,
                                  AtomicBoolean rising, Feeds feeds) implements AutoCloseable {

        static StallableChain start(String nodeName, String chainName, String ops) {
            String orgId = UUID.randomUUID().toString();
            String chainId = UUID.randomUUID().toString();
            NodeTarget node = ITSupport.target(nodeName, orgId, chainName, chainId);
            Feeds feeds = new Feeds();
            try {
                feeds.target(node);
                ITSupport.createRule(app(), "chain_stalled", orgId, chainId, 1, List.of(ops));
                AtomicLong height = new AtomicLong(100);
                AtomicBoolean rising = new AtomicBoolean(true);
                feeds.every(Duration.ofMillis(200),
                        () -> Feeds.ok(node, rising.get() ? height.incrementAndGet() : height.get()));
                return new StallableChain(orgId, chainId, node, height, rising, feeds);
            } catch (RuntimeException | Error e) {
                feeds.close();
                throw e;
            }
        }

        @Override
        public void close() {
            feeds.close();
        }
    }
}
