package io.chainwatch.collector.fabric;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.PollScheduler;
import io.chainwatch.collector.publish.NodeMetrics;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing a Fabric node (a new version of its target, as the registry publishes after PUT /api/v1/nodes/{id}) keeps
 * its block and transaction counters as {@code /actuator/prometheus} shows them: the scheduler, the Fabric probe with
 * the real Fabric Gateway client and the metrics, against {@link TestFabricPeer} — a test peer, not Fabric: a gRPC
 * server from fabric-protos serving the real blocks of a Fabric 2.5.5 channel.
 */
class FabricNodeEditIT {

    private static final String MSP = "Org1MSP";

    @TempDir
    Path wallet;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NodeMetrics metrics = new NodeMetrics(registry);
    private FabricProbe fabric;
    private PollScheduler scheduler;
    private TestFabricPeer peer;

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.destroy();
        }
        if (fabric != null) {
            fabric.destroy();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private static NodeTarget target(String name, long version, String endpoint, String... channels) {
        return new NodeTarget(id("peer-1"), name, id("org-1"), "acme", id("chain-f"), "fabric-dev", "FABRIC", null,
                200, version, null, new FabricTarget(MSP, List.of(channels), endpoint, null, null, null, null, null),
                null);
    }

    /** The value of a line of the Prometheus text exposition, or -1 when there is no such series. */
    private double scraped(String metric, String node, String channel, String extra) {
        String prefix = metric + "{";
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(prefix) && line.contains("node=\"" + node + "\"")
                    && line.contains("channel=\"" + channel + "\"") && (extra == null || line.contains(extra))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private double blocks(String node, String channel) {
        return scraped("chainwatch_fabric_channel_blocks_total", node, channel, null);
    }

    private double invalid(String node, String channel) {
        return scraped("chainwatch_fabric_channel_transactions_total", node, channel, "result=\"invalid\"");
    }

    @Test
    void editingANodeKeepsItsBlockAndTransactionCountersAndMissesNoBlock() {
        TestIdentities.write(wallet, MSP, "collector@org1.example.com");
        peer = new TestFabricPeer(3, Set.of(MSP)).joinChannel("other", 2);
        fabric = new FabricProbe(new DirectoryIdentities(wallet), CollectorProperties.of(Duration.ofSeconds(2), 2));
        scheduler = new PollScheduler(List.of(fabric), List.of(metrics), CollectorProperties.of(Duration.ofSeconds(2), 2));

        scheduler.activate(target("peer0.org1", 1, peer.endpoint(), TestFabricPeer.CHANNEL, "other"));
        await().atMost(Duration.ofSeconds(20)).until(() -> peer.deliverStarts().contains(3L) && blocks("peer0.org1",
                TestFabricPeer.CHANNEL) == 0.0);
        peer.commitNext(); // blocks 3 and 4 of mychannel
        peer.commitNext();
        await().atMost(Duration.ofSeconds(20)).until(() -> blocks("peer0.org1", TestFabricPeer.CHANNEL) == 2.0);

        // the node is renamed and stops watching "other"; block 5 (2 transactions, one MVCC_READ_CONFLICT) is
        // committed while the edit is applied
        scheduler.activate(target("peer0.org1-renamed", 2, peer.endpoint(), TestFabricPeer.CHANNEL));
        peer.commitNext();

        await().atMost(Duration.ofSeconds(20)).until(() -> blocks("peer0.org1-renamed", TestFabricPeer.CHANNEL) == 3.0);
        assertThat(invalid("peer0.org1-renamed", TestFabricPeer.CHANNEL)).isEqualTo(1.0);
        // the old names' series are gone, and the channel no longer watched
        assertThat(blocks("peer0.org1", TestFabricPeer.CHANNEL)).isEqualTo(-1);
        assertThat(blocks("peer0.org1-renamed", "other")).isEqualTo(-1);
        assertThat(registry.scrape()).doesNotContain("channel=\"other\"");
        // the block stream went on from block 5, the one after the last seen, not from the height the edit found
        assertThat(peer.deliverStarts().stream().filter(b -> b >= 3)).containsExactly(3L, 5L);

        peer.commitNext(); // block 6: counted on from 3
        await().atMost(Duration.ofSeconds(20)).until(() -> blocks("peer0.org1-renamed", TestFabricPeer.CHANNEL) == 4.0);
    }
}
