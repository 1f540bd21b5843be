package io.chainwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NodeMetrics metrics = new NodeMetrics(registry);
    private final NodeTarget node = new NodeTarget("n1", "geth-1", "org-1", "acme", "c1", "main", "ETHEREUM", "http://x", 1000, 1);
    private final NodeTarget peer = new NodeTarget("p1", "peer0", "org-1", "acme", "c2", "fab", "FABRIC", null, 1000, 1);

    private static NodeSample sample(NodeTarget target, Map<String, Double> readings, String channel) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), 0, PollOutcome.OK, null, readings,
                Map.of(), List.of(), channel);
    }

    private double gauge(String name, String nodeId) {
        return registry.get(name).tag(MetricNames.TAG_NODE_ID, nodeId).gauge().value();
    }

    @Test
    void reorgsAreCountedAndTheLastDepthIsKeptUntilTheNext() {
        metrics.onSample(node, sample(node, Map.of(Readings.BLOCK_HEIGHT, 100.0, Readings.TPS, 12.5,
                Readings.REORG_COUNT, 0.0, Readings.REORG_DEPTH, 0.0), null));
        assertThat(gauge(MetricNames.NODE_LAST_REORG_DEPTH, "n1")).isZero();
        assertThat(gauge(MetricNames.NODE_TPS, "n1")).isEqualTo(12.5);

        metrics.onSample(node, sample(node, Map.of(Readings.REORG_COUNT, 1.0, Readings.REORG_DEPTH, 3.0), null));
        metrics.onSample(node, sample(node, Map.of(Readings.REORG_COUNT, 0.0, Readings.REORG_DEPTH, 0.0), null));

        assertThat(registry.get(MetricNames.NODE_REORGS).tag(MetricNames.TAG_NODE_ID, "n1").counter().count()).isEqualTo(1.0);
        assertThat(gauge(MetricNames.NODE_LAST_REORG_DEPTH, "n1")).isEqualTo(3.0);
        assertThat(gauge(MetricNames.NODE_TPS, "n1")).isNaN(); // not in the latest sample
        assertThat(registry.get(MetricNames.COLLECTOR_POLLS).tag(MetricNames.TAG_OUTCOME, "OK").counter().count()).isEqualTo(3.0);
    }

    @Test
    void fabricChannelSamplesHaveTheirOwnMetersTaggedWithTheChannelAndAreNotCountedAsPolls() {
        metrics.onSample(peer, sample(peer, Map.of(Readings.RPC_LATENCY_MS, 2.0), null));
        metrics.onSample(peer, sample(peer, Map.of(Readings.BLOCK_HEIGHT, 8.0, Readings.FABRIC_BLOCKS, 4.0,
                Readings.FABRIC_TX_VALID, 6.0, Readings.FABRIC_TX_INVALID, 1.0,
                Readings.FABRIC_COMMIT_INTERVAL_SECONDS, 5.712), "mychannel"));
        metrics.onSample(peer, sample(peer, Map.of(Readings.BLOCK_HEIGHT, 3.0, Readings.FABRIC_BLOCKS, 1.0), "other"));

        assertThat(registry.get(MetricNames.FABRIC_CHANNEL_HEIGHT).tag(MetricNames.TAG_CHANNEL, "mychannel").gauge().value())
                .isEqualTo(8.0);
        assertThat(registry.get(MetricNames.FABRIC_CHANNEL_HEIGHT).tag(MetricNames.TAG_CHANNEL, "other").gauge().value())
                .isEqualTo(3.0);
        assertThat(registry.get(MetricNames.FABRIC_CHANNEL_TRANSACTIONS).tag(MetricNames.TAG_CHANNEL, "mychannel")
                .tag(MetricNames.TAG_RESULT, "invalid").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MetricNames.FABRIC_CHANNEL_BLOCKS).tag(MetricNames.TAG_CHANNEL, "mychannel").counter().count())
                .isEqualTo(4.0);
        assertThat(registry.get(MetricNames.FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS).gauge().value()).isEqualTo(5.712);
        assertThat(registry.get(MetricNames.COLLECTOR_POLLS).tag(MetricNames.TAG_OUTCOME, "OK").counter().count()).isEqualTo(1.0);
        assertThat(gauge(MetricNames.NODE_UP, "p1")).isEqualTo(1.0);

        metrics.onNodeRemoved(peer);
        assertThat(registry.find(MetricNames.FABRIC_CHANNEL_HEIGHT).meters()).isEmpty();
        assertThat(registry.find(MetricNames.NODE_UP).tag(MetricNames.TAG_NODE_ID, "p1").meters()).isEmpty();
    }
}
