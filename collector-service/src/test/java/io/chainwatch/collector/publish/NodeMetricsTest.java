package io.chainwatch.collector.publish;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NodeMetrics metrics = new NodeMetrics(registry);
    private final NodeTarget node = new NodeTarget(id("n1"), "geth-1", id("org-1"), "acme", id("c1"), "main",
            "ETHEREUM", "http://x", 1000, 1, null, null, null);
    private final NodeTarget peer = new NodeTarget(id("p1"), "peer0", id("org-1"), "acme", id("c2"), "fab", "FABRIC",
            null, 1000, 1, null, null, null);

    private static NodeSample sample(NodeTarget target, Map<String, Double> readings, String channel) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), 0, PollOutcome.OK, null, readings,
                Map.of(), List.of(), channel);
    }

    private double gauge(String name, UUID nodeId) {
        return value(name, MetricNames.TAG_NODE_ID, nodeId.toString());
    }

    /** The value of the one series of a per-node metric (Micrometer name) whose labels include the given ones. */
    private double value(String name, String... labels) {
        List<Double> values = points(name, labels).stream().map(point -> point instanceof GaugeSnapshot.GaugeDataPointSnapshot g
                ? g.getValue() : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue()).toList();
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }

    private List<DataPointSnapshot> points(String name, String... labels) {
        String prometheusName = name.replace('.', '_');
        Labels wanted = Labels.of(labels);
        return registry.getPrometheusRegistry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getPrometheusName().equals(prometheusName))
                .map(MetricSnapshot::getDataPoints)
                .flatMap(List::stream)
                .filter(point -> wanted.stream().allMatch(l -> l.getValue().equals(point.getLabels().get(l.getName()))))
                .map(DataPointSnapshot.class::cast)
                .toList();
    }

    @Test
    void heightRegressionsAndChainResetsAreCountedPerNodeAndGoAwayWithIt() {
        assertThat(points(MetricNames.NODE_HEIGHT_REGRESSIONS)).as("no series before the first").isEmpty();
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 40.0, Readings.HEIGHT_REGRESSION, 61.0), null));
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 41.0), null));
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 2.0, Readings.CHAIN_RESET, 1.0), null));
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 1.0, Readings.HEIGHT_REGRESSION, 5.0), null));

        assertThat(value(MetricNames.NODE_HEIGHT_REGRESSIONS, MetricNames.TAG_NODE_ID, id("n1").toString(),
                MetricNames.TAG_NODE, "geth-1", MetricNames.TAG_CHAIN, "main", MetricNames.TAG_ORG, "acme"))
                .isEqualTo(2.0);
        assertThat(value(MetricNames.NODE_CHAIN_RESETS, MetricNames.TAG_NODE_ID, id("n1").toString())).isEqualTo(1.0);

        metrics.onNodeRemoved(node);
        assertThat(points(MetricNames.NODE_HEIGHT_REGRESSIONS)).isEmpty();
        assertThat(points(MetricNames.NODE_CHAIN_RESETS)).isEmpty();
    }

    @Test
    void reorgsAreCountedAndTheLastDepthIsKeptUntilTheNext() {
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 100.0, Readings.TPS, 12.5,
                Readings.REORG_COUNT, 0.0, Readings.REORG_DEPTH, 0.0), null));
        assertThat(gauge(MetricNames.NODE_LAST_REORG_DEPTH, id("n1"))).isZero();
        assertThat(gauge(MetricNames.NODE_TPS, id("n1"))).isEqualTo(12.5);

        metrics.onSample(node, sample(node, Map.of(Readings.REORG_COUNT, 1.0, Readings.REORG_DEPTH, 3.0), null));
        metrics.onSample(node, sample(node, Map.of(Readings.REORG_COUNT, 0.0, Readings.REORG_DEPTH, 0.0), null));

        assertThat(value(MetricNames.NODE_REORGS, MetricNames.TAG_NODE_ID, id("n1").toString())).isEqualTo(1.0);
        assertThat(gauge(MetricNames.NODE_LAST_REORG_DEPTH, id("n1"))).isEqualTo(3.0);
        assertThat(gauge(MetricNames.NODE_TPS, id("n1"))).isNaN(); // not in the latest sample
        assertThat(registry.get(MetricNames.COLLECTOR_POLLS).tag(MetricNames.TAG_OUTCOME, "OK").counter().count()).isEqualTo(3.0);
    }

    @Test
    void fabricChannelSamplesHaveTheirOwnMetersTaggedWithTheChannelAndAreNotCountedAsPolls() {
        metrics.onSample(peer, sample(peer, Map.of(Readings.RPC_LATENCY_MS, 2.0), null));
        metrics.onSample(peer, sample(peer, Map.of(Readings.BLOCK_HEIGHT, 8.0, Readings.FABRIC_BLOCKS, 4.0,
                Readings.FABRIC_TX_VALID, 6.0, Readings.FABRIC_TX_INVALID, 1.0,
                Readings.FABRIC_COMMIT_INTERVAL_SECONDS, 5.712), "mychannel"));
        metrics.onSample(peer, sample(peer, Map.of(Readings.BLOCK_HEIGHT, 3.0, Readings.FABRIC_BLOCKS, 1.0), "other"));

        assertThat(value(MetricNames.FABRIC_CHANNEL_HEIGHT, MetricNames.TAG_CHANNEL, "mychannel"))
                .isEqualTo(8.0);
        assertThat(value(MetricNames.FABRIC_CHANNEL_HEIGHT, MetricNames.TAG_CHANNEL, "other"))
                .isEqualTo(3.0);
        assertThat(value(MetricNames.FABRIC_CHANNEL_TRANSACTIONS, MetricNames.TAG_CHANNEL, "mychannel",
                MetricNames.TAG_RESULT, "invalid")).isEqualTo(1.0);
        assertThat(value(MetricNames.FABRIC_CHANNEL_BLOCKS, MetricNames.TAG_CHANNEL, "mychannel"))
                .isEqualTo(4.0);
        assertThat(value(MetricNames.FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS, MetricNames.TAG_CHANNEL, "mychannel")).isEqualTo(5.712);
        assertThat(registry.get(MetricNames.COLLECTOR_POLLS).tag(MetricNames.TAG_OUTCOME, "OK").counter().count()).isEqualTo(1.0);
        assertThat(gauge(MetricNames.NODE_UP, id("p1"))).isEqualTo(1.0);

        metrics.onNodeRemoved(peer);
        assertThat(points(MetricNames.FABRIC_CHANNEL_HEIGHT)).isEmpty();
        assertThat(points(MetricNames.NODE_UP, MetricNames.TAG_NODE_ID, id("p1").toString())).isEmpty();
    }

    @Test
    void aNodeWhoseNamesChangeShowsUnderItsNewNamesOnly() {
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 100.0), null));
        NodeTarget renamed = new NodeTarget(id("n1"), "geth-renamed", id("org-1"), "acme", id("c1"), "main",
                "ETHEREUM", "http://x", 1000, 2, null, null, null);
        metrics.onSample(renamed, sample(renamed, Map.of(Readings.BLOCK_HEIGHT, 101.0), null));

        assertThat(points(MetricNames.NODE_BLOCK_HEIGHT, MetricNames.TAG_NODE, "geth-1")).isEmpty();
        assertThat(value(MetricNames.NODE_BLOCK_HEIGHT, MetricNames.TAG_NODE, "geth-renamed")).isEqualTo(101.0);
    }

    /** Scrapes while poll threads write samples and nodes come and go: every scrape succeeds, whole series only. */
    @Test
    void scrapesDuringSamplesAndRemovals() throws Exception {
        int threads = 4;
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread writer = new Thread(() -> {
                for (int round = 0; !stop.get(); round++) {
                    for (int i = offset; i < 200; i += threads) {
                        NodeTarget target = new NodeTarget(id("n" + i), "node-" + i + (round % 3 == 0 ? "" : "-x"),
                                id("org-1"), "acme", id("c1"), "main", "FABRIC", null, 1000, 1, null, null, null);
                        metrics.onSample(target, sample(target, Map.of(Readings.BLOCK_HEIGHT, (double) round), null));
                        metrics.onSample(target, sample(target, Map.of(Readings.FABRIC_BLOCKS, 1.0), "ch"));
                        if (round % 5 == 4) {
                            metrics.onNodeRemoved(target);
                        }
                    }
                }
            });
            writers.add(writer);
            writer.start();
        }
        try {
            for (int i = 0; i < 50; i++) {
                String scrape = registry.scrape();
                assertThat(scrape.lines().filter(line -> line.startsWith("chainwatch_node_up{")).count())
                        .isLessThanOrEqualTo(200);
            }
        } finally {
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    @Test
    void anEditedNodeKeepsItsCountersUnderItsNewNamesAndLosesOnlyTheChannelsNoLongerWatched() {
        NodeTarget before = new NodeTarget(id("p1"), "peer0", id("org-1"), "acme", id("c2"), "fab", "FABRIC", null,
                1000, 1, null, new io.chainwatch.events.FabricTarget("Org1MSP", List.of("mychannel", "other"),
                        "peer0:7051", null, null, null, null, null), null);
        metrics.onSample(before, sample(before, Map.of(Readings.HEIGHT_REGRESSION, 3.0), null));
        metrics.onSample(before, sample(before, Map.of(Readings.FABRIC_BLOCKS, 4.0, Readings.FABRIC_TX_VALID, 6.0),
                "mychannel"));
        metrics.onSample(before, sample(before, Map.of(Readings.FABRIC_BLOCKS, 1.0), "other"));

        NodeTarget after = new NodeTarget(id("p1"), "peer0-renamed", id("org-1"), "acme", id("c2"), "fab", "FABRIC",
                null, 2000, 2, null, new io.chainwatch.events.FabricTarget("Org1MSP", List.of("mychannel"), "peer0:7051",
                        null, null, null, null, null), null);
        metrics.onNodeReplaced(before, after);
        metrics.onSample(after, sample(after, Map.of(), null));
        metrics.onSample(after, sample(after, Map.of(Readings.FABRIC_BLOCKS, 2.0, Readings.FABRIC_TX_VALID, 1.0),
                "mychannel"));

        assertThat(value(MetricNames.FABRIC_CHANNEL_BLOCKS, MetricNames.TAG_NODE, "peer0-renamed",
                MetricNames.TAG_CHANNEL, "mychannel")).isEqualTo(6.0);
        assertThat(value(MetricNames.FABRIC_CHANNEL_TRANSACTIONS, MetricNames.TAG_NODE, "peer0-renamed",
                MetricNames.TAG_RESULT, "valid")).isEqualTo(7.0);
        assertThat(value(MetricNames.NODE_HEIGHT_REGRESSIONS, MetricNames.TAG_NODE, "peer0-renamed")).isEqualTo(1.0);
        assertThat(points(MetricNames.NODE_HEIGHT_REGRESSIONS, MetricNames.TAG_NODE, "peer0")).isEmpty();
        assertThat(points(MetricNames.FABRIC_CHANNEL_BLOCKS, MetricNames.TAG_NODE, "peer0")).isEmpty();
        assertThat(points(MetricNames.FABRIC_CHANNEL_BLOCKS, MetricNames.TAG_CHANNEL, "other")).isEmpty();
    }

    @Test
    void anEditedOrdererKeepsTheSeriesOfTheChannelsItServes() {
        io.chainwatch.events.FabricTarget orderer = new io.chainwatch.events.FabricTarget("OrdererMSP", List.of(), null,
                null, null, null, io.chainwatch.events.FabricTarget.ROLE_ORDERER, "https://orderer0:7053");
        NodeTarget before = new NodeTarget(id("o1"), "orderer0", id("org-1"), "acme", id("c2"), "fab", "FABRIC", null,
                1000, 1, null, orderer, null);
        metrics.onSample(before, sample(before, Map.of(Readings.BLOCK_HEIGHT, 11.0), "mychannel"));
        NodeTarget after = new NodeTarget(id("o1"), "orderer0", id("org-1"), "acme", id("c2"), "fab", "FABRIC", null,
                2000, 2, null, orderer, null);
        metrics.onNodeReplaced(before, after);

        assertThat(value(MetricNames.FABRIC_CHANNEL_HEIGHT, MetricNames.TAG_NODE_ID, id("o1").toString(),
                MetricNames.TAG_CHANNEL, "mychannel")).isEqualTo(11.0);
    }
}
