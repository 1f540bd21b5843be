package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.AppWithMail;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** node_unreachable end to end: by failing polls, by silence, and for a node that never sends anything. */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class NodeUnreachableIT {

    @RegisterExtension
    static final AppWithMail SERVICE = new AppWithMail();

    @Test
    void failingPollsFireOnceAndTheNextOkSampleResolves() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-b1", orgId, "chain-b", chainId);
        String ops = "ops-refused@acme.example";
        try (Feeds feeds = new Feeds()) {
            // malformed records first: they are skipped and do not block their partitions
            feeds.raw(Topics.TARGETS, "garbage", "{not json");
            feeds.raw(Topics.SAMPLES, chainId, "{\"nodeId\": 42, \"polledAtMs\": \"yesterday\"");
            // a binary sample cut short: field 1 announces 127 bytes of node id, 2 follow
            feeds.raw(Topics.SAMPLES, chainId, new byte[] {0x0A, 0x7F, 0x61, 0x62});
            feeds.target(node);
            ITSupport.createRule(app(), "node_unreachable", orgId, chainId, 1, List.of(ops));
            AtomicReference<PollOutcome> outcome = new AtomicReference<>(PollOutcome.OK);
            // the failed polls come as JSON, as from a collector not upgraded yet to the binary form: both are read
            feeds.every(Duration.ofMillis(200), () -> outcome.get() == PollOutcome.OK
                    ? Feeds.ok(node, 7) : Feeds.failed(node, outcome.get(), "connection refused"), s -> !s.up());
            Mail.sleep(1500);
            assertThat(Mail.to(mail(), ops)).isEmpty();

            outcome.set(PollOutcome.REFUSED);
            Mail.await(mail(), ops, m -> m.subject().equals("[FIRING] Node unreachable: node-b1 (chain-b)"), 1,
                    Duration.ofSeconds(15));
            Mail.sleep(2000);
            List<Mail.Received> got = Mail.to(mail(), ops);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).body()).contains("node-b1", node.nodeId().toString(), "chain-b", chainId, orgId,
                    "outcome REFUSED", "connection refused", "polls fail since", "height 7");

            outcome.set(PollOutcome.OK);
            Mail.await(mail(), ops, m -> m.subject().equals("[RESOLVED] Node unreachable: node-b1 (chain-b)"), 1,
                    Duration.ofSeconds(15));
            Mail.sleep(1500);
            assertThat(Mail.to(mail(), ops)).extracting(Mail.Received::subject).containsExactly(
                    "[FIRING] Node unreachable: node-b1 (chain-b)", "[RESOLVED] Node unreachable: node-b1 (chain-b)");
        }
    }

    @Test
    void silenceFiresAndANodeThatNeverSendsFiresToo() {
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget talking = ITSupport.target("node-b2", orgId, "chain-c", chainId);
        NodeTarget mute = ITSupport.target("node-b3", orgId, "chain-c", chainId);
        String ops = "ops-silence@acme.example";
        try (Feeds feeds = new Feeds()) {
            feeds.target(talking);
            feeds.target(mute);
            ITSupport.createRule(app(), "node_unreachable", orgId, chainId, 1, List.of(ops));
            AtomicReference<Boolean> sending = new AtomicReference<>(true);
            feeds.every(Duration.ofMillis(200), () -> sending.get() ? Feeds.ok(talking, 9) : null);

            List<Mail.Received> got = Mail.await(mail(), ops,
                    m -> m.subject().equals("[FIRING] Node unreachable: node-b3 (chain-c)"), 1, Duration.ofSeconds(15));
            assertThat(got.stream().filter(m -> m.subject().contains("node-b3")).findFirst().orElseThrow().body())
                    .contains("no sample has arrived", "no sample since");
            assertThat(Mail.to(mail(), ops)).noneMatch(m -> m.subject().contains("node-b2"));

            sending.set(false);
            got = Mail.await(mail(), ops, m -> m.subject().equals("[FIRING] Node unreachable: node-b2 (chain-c)"), 1,
                    Duration.ofSeconds(15));
            assertThat(got.stream().filter(m -> m.subject().contains("node-b2")).findFirst().orElseThrow().body())
                    .contains("no sample has arrived", "outcome OK");

            sending.set(true);
            Mail.await(mail(), ops, m -> m.subject().equals("[RESOLVED] Node unreachable: node-b2 (chain-c)"), 1,
                    Duration.ofSeconds(15));
            Mail.sleep(1500);
            assertThat(Mail.to(mail(), ops)).extracting(Mail.Received::subject).containsExactlyInAnyOrder(
                    "[FIRING] Node unreachable: node-b3 (chain-c)",
                    "[FIRING] Node unreachable: node-b2 (chain-c)",
                    "[RESOLVED] Node unreachable: node-b2 (chain-c)");
        }
    }

    private static AlertApp app() {
        return SERVICE.app();
    }

    private static GreenMail mail() {
        return SERVICE.mail();
    }
}
