package io.chainwatch.collector.fabric;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.scrape.MetricsScraper;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.fabric.TestOrderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An orderer watched by the collector as a user registers it (role ORDERER, operations endpoint, channel
 * participation API), against {@link TestOrderer} — a test orderer, not Fabric: real HTTP servers answering what a
 * real Fabric 2.5.5 orderer answered (captured {@code /metrics}, {@code /healthz}, {@code /version} and
 * participation API bodies). The samples are those the alert engine and the status API receive.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdererProbeIT {

    private static final CollectorProperties PROPERTIES = CollectorProperties.of(Duration.ofSeconds(1), 4);

    @TempDir
    Path wallet;

    private final TestOrderer orderer = TestOrderer.start();
    private final MetricsScraper scraper = new MetricsScraper(PROPERTIES);
    private FabricProbe probe;
    private NodeProbe node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (probe != null) {
            probe.destroy();
        }
        scraper.destroy();
        orderer.close();
    }

    /** The node as the collector polls it: the Fabric probe, decorated by the operations scraper. */
    private NodeProbe open(List<String> channels) {
        NodeTarget target = new NodeTarget(id("orderer-1"), "orderer0", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", null, 1000, 1, orderer.metricsUrl(), new FabricTarget("OrdererMSP", channels,
                null, null, null, null, FabricTarget.ROLE_ORDERER, orderer.participationUrl()), null);
        probe = new FabricProbe(new DirectoryIdentities(wallet), PROPERTIES);
        node = scraper.decorate(target, probe.open(target));
        return node;
    }

    private static NodeSample channel(List<NodeSample> samples, String channel) {
        return samples.stream().filter(s -> channel.equals(s.channel())).findFirst().orElseThrow();
    }

    @Test
    void anOrdererIsUpWithRaftLeaderClusterHeightAndStatusPerChannel() {
        List<NodeSample> samples = open(List.of()).pollAll(System.currentTimeMillis());

        assertThat(samples).extracting(NodeSample::channel).containsExactly(null, "mychannel", "other");
        NodeSample own = samples.get(0);
        assertThat(own.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(own.error()).isNull();
        // the operations readings are on the orderer's own sample, by name, for rules
        assertThat(own.reading("metric.consensus_etcdraft_is_leader.channel=mychannel")).isEqualTo(1.0);
        assertThat(own.reading("metric.broadcast_processed_count.channel=mychannel.status=SUCCESS")).isEqualTo(10.0);
        assertThat(own.reading(Readings.HEALTH_OK)).isEqualTo(1.0);
        assertThat(own.info()).containsEntry(Readings.CLIENT_VERSION, "2.5.5");

        NodeSample mychannel = channel(samples, "mychannel");
        assertThat(mychannel.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(mychannel.reading(Readings.BLOCK_HEIGHT)).isEqualTo(11.0); // participation API "height":11
        assertThat(mychannel.reading(Readings.ORDERER_RAFT_IS_LEADER)).isEqualTo(1.0);
        assertThat(mychannel.reading(Readings.ORDERER_RAFT_HAS_LEADER)).isEqualTo(1.0);
        assertThat(mychannel.reading(Readings.ORDERER_RAFT_CLUSTER_SIZE)).isEqualTo(1.0);
        assertThat(mychannel.reading(Readings.ORDERER_RAFT_ACTIVE_NODES)).isEqualTo(1.0);
        assertThat(mychannel.reading(Readings.ORDERER_CHANNEL_ACTIVE)).isEqualTo(1.0);
        assertThat(mychannel.info()).containsEntry(Readings.ORDERER_CHANNEL_STATUS, "active")
                .containsEntry(Readings.ORDERER_CONSENSUS_RELATION, "consenter");
        assertThat(channel(samples, "other").reading(Readings.BLOCK_HEIGHT)).isEqualTo(7.0);
        // the first sample has no previous one: no growth yet
        assertThat(mychannel.readings()).doesNotContainKey(Readings.FABRIC_TX_SUBMITTED);
    }

    @Test
    void submittedTransactionsAndLeaderChangesAreTheCountersGrowthAndARestartGivesNoFalseGrowth() {
        NodeProbe node = open(List.of());
        node.pollAll(System.currentTimeMillis()); // broadcast counts 10 and 6, leader changes 1 and 1

        // the orderer restarted: its counters start again at 0 (the captures after the restart)
        orderer.serveMetrics(TestOrderer.METRICS_AFTER_RESTART);
        List<NodeSample> restarted = node.pollAll(System.currentTimeMillis());
        assertThat(channel(restarted, "mychannel").readings()).doesNotContainKey(Readings.FABRIC_TX_SUBMITTED);

        // one approve/commit round per channel since the restart: broadcast_processed_count 0 → 2
        orderer.serveMetrics(TestOrderer.METRICS_AFTER_RESTART_TX);
        List<NodeSample> after = node.pollAll(System.currentTimeMillis());
        assertThat(channel(after, "mychannel").reading(Readings.FABRIC_TX_SUBMITTED)).isEqualTo(2.0);
        assertThat(channel(after, "other").reading(Readings.FABRIC_TX_SUBMITTED)).isEqualTo(2.0);
        assertThat(channel(after, "mychannel").reading(Readings.ORDERER_BROADCAST_REJECTED)).isEqualTo(0.0);
        assertThat(channel(after, "mychannel").reading(Readings.ORDERER_RAFT_LEADER_CHANGES)).isEqualTo(0.0);
        assertThat(channel(after, "mychannel").reading(Readings.BLOCK_HEIGHT)).isEqualTo(11.0);
    }

    @Test
    void withoutARaftLeaderTheChannelsSayHasLeaderZero() {
        orderer.serveMetrics(TestOrderer.METRICS_RESTART_EARLY);
        List<NodeSample> samples = open(List.of()).pollAll(System.currentTimeMillis());

        assertThat(samples.get(0).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(channel(samples, "mychannel").reading(Readings.ORDERER_RAFT_HAS_LEADER)).isEqualTo(0.0);
        assertThat(channel(samples, "other").reading(Readings.ORDERER_RAFT_HAS_LEADER)).isEqualTo(0.0);

        // the capture 1 s after the election: "other" still counts 0 active nodes, but this orderer leads it
        orderer.serveMetrics(TestOrderer.METRICS_AFTER_RESTART);
        List<NodeSample> elected = node.pollAll(System.currentTimeMillis());
        assertThat(channel(elected, "other").reading(Readings.ORDERER_RAFT_ACTIVE_NODES)).isEqualTo(0.0);
        assertThat(channel(elected, "other").reading(Readings.ORDERER_RAFT_HAS_LEADER)).isEqualTo(1.0);
    }

    @Test
    void aDeadOrdererGivesAFailedSampleAndOneWarningAndItsReturnIsLogged(CapturedOutput output) {
        NodeProbe node = open(List.of());
        node.pollAll(System.currentTimeMillis());

        orderer.stop();
        List<NodeSample> down = node.pollAll(System.currentTimeMillis());
        node.pollAll(System.currentTimeMillis());

        assertThat(down.get(0).outcome()).isEqualTo(PollOutcome.REFUSED);
        assertThat(down.get(0).error()).contains("could not reach the orderer's operations endpoint "
                + orderer.metricsUrl());
        assertThat(down).extracting(NodeSample::channel).containsExactly(null, "mychannel", "other");
        assertThat(down).allMatch(s -> s.outcome() == PollOutcome.REFUSED);
        assertThat(down.get(0).reading(Readings.METRICS_SCRAPE_OK)).isEqualTo(0.0);
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("orderer orderer0 ("
                + id("orderer-1") + ") is down: could not reach the orderer's operations endpoint"))).hasSize(1);

        orderer.restart();
        assertThat(node.pollAll(System.currentTimeMillis()).get(0).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(output.getOut()).contains("orderer orderer0 (" + id("orderer-1") + ") answers again");
    }

    @Test
    void aListedChannelTheOrdererDoesNotServeSaysSo(CapturedOutput output) {
        List<NodeSample> samples = open(List.of("mychannel", "ghost")).pollAll(System.currentTimeMillis());

        assertThat(samples).extracting(NodeSample::channel).containsExactly(null, "mychannel", "ghost");
        assertThat(samples.get(0).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(channel(samples, "ghost").outcome()).isEqualTo(PollOutcome.ERRORING);
        assertThat(channel(samples, "ghost").error()).isEqualTo("orderer has not joined channel ghost");
        assertThat(output.getOut())
                .contains("orderer orderer0 (" + id("orderer-1") + "): orderer has not joined channel ghost");
    }

    @Test
    void aFabricNodeRegisteredWithOnlyItsOperationsEndpointIsWatchedThroughItNotCalledUnreachable() {
        NodeTarget target = new NodeTarget(id("orderer-2"), "orderer0", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", "http://127.0.0.1:8443", 1000, 1, orderer.metricsUrl(), null, null);
        probe = new FabricProbe(new DirectoryIdentities(wallet), PROPERTIES);
        node = scraper.decorate(target, probe.open(target));

        List<NodeSample> samples = node.pollAll(System.currentTimeMillis());

        assertThat(samples.get(0).outcome()).isEqualTo(PollOutcome.OK);
        // without the participation API the channels come from the metrics, heights from ledger_blockchain_height
        assertThat(samples).extracting(NodeSample::channel).containsExactlyInAnyOrder(null, "mychannel", "other");
        assertThat(channel(samples, "mychannel").reading(Readings.BLOCK_HEIGHT)).isEqualTo(11.0);
        assertThat(channel(samples, "mychannel").reading(Readings.ORDERER_RAFT_HAS_LEADER)).isEqualTo(1.0);
    }
}
