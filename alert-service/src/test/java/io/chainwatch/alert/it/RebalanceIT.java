package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.ingest.ChainOwnership;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two alert-service instances in one consumer group over one database. Alerts fire while both run; then one
 * instance stops (its partitions move to the other: a rebalance) while the alerts keep firing, and later a third
 * instance joins (another rebalance) before the nodes recover. Every node must have exactly one FIRING and one
 * RESOLVED mail: no second firing after a takeover, no resolution lost.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class RebalanceIT {

    @Test
    void twoInstancesAndTwoRebalancesAnnounceEachFiringAndResolutionOnce() {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String db = SharedServers.newDatabase("alert");
        String orgId = UUID.randomUUID().toString();
        String ops = "ops-rebalance@acme.example";
        // four chains spread over different samples partitions, one node each
        List<NodeTarget> nodes = new ArrayList<>();
        Set<Integer> partitions = new TreeSet<>();
        while (nodes.size() < 4) {
            UUID chainId = UUID.randomUUID();
            if (partitions.add(ChainOwnership.partitionOf(chainId, 6))) {
                nodes.add(ITSupport.target("node-rb" + nodes.size(), UUID.fromString(orgId), "chain-rb" + nodes.size(),
                        chainId));
            }
        }
        Map<UUID, PollOutcome> outcome = new ConcurrentHashMap<>();
        nodes.forEach(n -> outcome.put(n.nodeId(), PollOutcome.REFUSED));
        AlertApp third = null;
        try (Feeds feeds = new Feeds();
             AlertApp first = new AlertApp(db, smtp).start();
             AlertApp second = new AlertApp(db, smtp).start()) {
            nodes.forEach(feeds::target);
            for (NodeTarget n : nodes) {
                ITSupport.createRule(first, "node_unreachable", UUID.fromString(orgId), n.chainId(), 1, List.of(ops));
            }
            for (NodeTarget n : nodes) {
                feeds.every(Duration.ofMillis(200), () -> outcome.get(n.nodeId()) == PollOutcome.OK
                        ? Feeds.ok(n, 7) : Feeds.failed(n, outcome.get(n.nodeId()), "connection refused"));
            }
            for (NodeTarget n : nodes) {
                Mail.await(mail, ops, m -> m.subject().equals(firing(n)), 1, Duration.ofSeconds(30));
            }

            first.stop();                      // rebalance 1: the second instance takes every partition
            Mail.sleep(4000);                  // well past forSeconds and the startup grace of the takeover
            third = new AlertApp(db, smtp).start(); // rebalance 2: partitions split again
            Mail.noMoreFor(mail, ops, Duration.ofMillis(4000));
            for (NodeTarget n : nodes) {
                assertThat(Mail.to(mail, ops)).as("no second firing").filteredOn(m -> m.subject().equals(firing(n)))
                        .hasSize(1);
            }

            nodes.forEach(n -> outcome.put(n.nodeId(), PollOutcome.OK));
            for (NodeTarget n : nodes) {
                Mail.await(mail, ops, m -> m.subject().equals(resolved(n)), 1, Duration.ofSeconds(30));
            }
            Mail.noMoreFor(mail, ops, Duration.ofMillis(2000));
            List<Mail.Received> all = Mail.to(mail, ops);
            for (NodeTarget n : nodes) {
                assertThat(all).filteredOn(m -> m.subject().equals(firing(n))).hasSize(1);
                assertThat(all).filteredOn(m -> m.subject().equals(resolved(n))).hasSize(1);
            }
            assertThat(all).hasSize(8);
        } finally {
            if (third != null) {
                third.stop();
            }
            mail.stop();
        }
    }

    private static String firing(NodeTarget n) {
        return "[FIRING] Node unreachable: " + n.nodeName() + " (" + n.chainName() + ")";
    }

    private static String resolved(NodeTarget n) {
        return "[RESOLVED] Node unreachable: " + n.nodeName() + " (" + n.chainName() + ")";
    }
}
