package io.chainwatch.collector.scrape;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LocalHttpServer.Answer;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.fabric.TestPeerOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scraping real local HTTP servers: the test peer's operations endpoint (captured Fabric 2.5.5 answers), a broken one. */
class MetricsScraperIT {

    private final MetricsScraper scraper = new MetricsScraper(CollectorProperties.of(Duration.ofSeconds(1), 4));

    @AfterEach
    void stop() {
        scraper.destroy();
    }

    /** A probe standing in for the chain poll: one OK node sample, one channel sample. */
    private static NodeProbe chainPoll(NodeTarget target) {
        return new NodeProbe() {
            @Override
            public NodeSample poll(long polledAtMs) {
                return pollAll(polledAtMs).get(0);
            }

            @Override
            public List<NodeSample> pollAll(long polledAtMs) {
                return List.of(
                        new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, PollOutcome.OK, null,
                                Map.of(Readings.RPC_LATENCY_MS, 3.0), Map.of(), List.of(), null),
                        new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, PollOutcome.OK, null,
                                Map.of(Readings.BLOCK_HEIGHT, 8.0), Map.of(), List.of(), "mychannel"));
            }

            @Override
            public void close() {
            }
        };
    }

    private static NodeTarget fabricPeer(String metricsUrl) {
        return new NodeTarget(id("peer-1"), "peer0", id("org-1"), "acme", id("chain-f"), "fab", "FABRIC", null, 1000,
                1, metricsUrl, null, null);
    }

    @Test
    void foldsThePeersSelectedSeriesAndHealthIntoTheNodeSample() {
        try (TestPeerOperations operations = TestPeerOperations.start()
                .serveMetrics(TestPeerOperations.METRICS_AFTER_TX).serveHealth(TestPeerOperations.HEALTHZ_OK, 200)) {
            NodeTarget target = fabricPeer(operations.url() + "/metrics");
            NodeProbe probe = scraper.decorate(target, chainPoll(target));

            List<NodeSample> samples = probe.pollAll(System.currentTimeMillis());
            NodeSample node = samples.get(0);
            assertThat(node.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(node.reading(Readings.RPC_LATENCY_MS)).isEqualTo(3.0);
            assertThat(node.reading(Readings.METRICS_SCRAPE_OK)).isEqualTo(1.0);
            assertThat(node.reading("metric.ledger_blockchain_height.channel=mychannel")).isEqualTo(8.0);
            assertThat(node.reading("metric.ledger_transaction_count.channel=mychannel.validation_code=MVCC_READ_CONFLICT"))
                    .isEqualTo(1.0);
            assertThat(node.reading(Readings.HEALTH_OK)).isEqualTo(1.0);
            // the channel sample is left as it was
            assertThat(samples.get(1).readings()).containsOnlyKeys(Readings.BLOCK_HEIGHT);

            // the real 503 of a peer whose Docker endpoint is unreachable
            operations.serveHealth(TestPeerOperations.HEALTHZ_503_DOCKER, 503);
            NodeSample unhealthy = probe.poll(System.currentTimeMillis());
            assertThat(unhealthy.reading(Readings.HEALTH_OK)).isZero();
            assertThat(unhealthy.info()).containsEntry(Readings.HEALTH_FAILED_CHECKS, "docker");
            assertThat(unhealthy.outcome()).isEqualTo(PollOutcome.OK);
        }
    }

    @Test
    void aScrapeThatFailsIsNotedWithoutFailingThePoll() {
        try (LocalHttpServer broken = LocalHttpServer.byPath(path -> new Answer(500, "text/plain", "oops"))) {
            NodeTarget geth = new NodeTarget(id("n1"), "geth-1", id("org-1"), "acme", id("c1"), "main", "ETHEREUM",
                    "http://x", 1000, 1, broken.url() + "/debug/metrics/prometheus", null, null);
            NodeSample sample = scraper.decorate(geth, chainPoll(geth)).poll(System.currentTimeMillis());

            assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(sample.reading(Readings.METRICS_SCRAPE_OK)).isZero();
            assertThat(sample.info().get(Readings.METRICS_SCRAPE_ERROR)).contains("HTTP status 500");
            assertThat(sample.readings()).doesNotContainKey(Readings.HEALTH_OK); // not Fabric: no /healthz
        }
        NodeTarget down = fabricPeer("http://127.0.0.1:" + FreePorts.next() + "/metrics");
        NodeSample sample = scraper.decorate(down, chainPoll(down)).poll(System.currentTimeMillis());
        assertThat(sample.reading(Readings.METRICS_SCRAPE_OK)).isZero();
        assertThat(sample.reading(Readings.HEALTH_OK)).isZero();
    }

    @Test
    void aRedirectIsAFailedScrapeAndIsNotFollowed() {
        AtomicInteger reached = new AtomicInteger();
        try (LocalHttpServer elsewhere = LocalHttpServer.byPath(path -> {
                reached.incrementAndGet();
                return new Answer(200, "text/plain", "ledger_blockchain_height{channel=\"mychannel\"} 8\n");
            });
             LocalHttpServer redirecting = LocalHttpServer.redirecting(elsewhere.url())) {
            NodeTarget peer = fabricPeer(redirecting.url() + "/metrics");
            NodeSample sample = scraper.decorate(peer, chainPoll(peer)).poll(System.currentTimeMillis());

            assertThat(sample.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(sample.reading(Readings.METRICS_SCRAPE_OK)).isZero();
            assertThat(sample.info().get(Readings.METRICS_SCRAPE_ERROR)).contains("HTTP status 302");
            assertThat(sample.reading(Readings.HEALTH_OK)).isZero(); // /healthz redirected too
            assertThat(reached).as("requests that reached the server redirected to").hasValue(0);
        }
    }

    @Test
    void aNodeWithoutAMetricsUrlIsLeftAlone() {
        NodeTarget plain = new NodeTarget(id("n1"), "anvil", id("org-1"), "acme", id("c1"), "dev", "ETHEREUM",
                "http://x", 1000, 1, null, null, null);
        NodeProbe inner = chainPoll(plain);
        assertThat(scraper.decorate(plain, inner)).isSameAs(inner);
    }

    @Test
    void aFabricPeersOperationsMetricsThatMatterAreReadingsByNameWithMeansBetweenScrapesAndItsVersion() {
        try (TestPeerOperations operations = TestPeerOperations.start()
                .serveMetrics(TestPeerOperations.METRICS_TWO_CHANNELS)) {
            NodeTarget peer = fabricPeer(operations.url() + "/metrics");
            NodeProbe node = scraper.decorate(peer, chainPoll(peer));

            List<NodeSample> first = node.pollAll(System.currentTimeMillis());
            NodeSample own = first.get(0);
            assertThat(own.info()).containsEntry(Readings.CLIENT_VERSION, "2.5.5");
            assertThat(own.reading("metric.ledger_block_processing_time_count.channel=mychannel")).isEqualTo(11.0);
            assertThat(own.reading("metric.logging_entries_written.level=warn")).isEqualTo(2.0);
            assertThat(own.reading("metric.grpc_server_unary_requests_completed.code=OK")).isEqualTo(30.0);
            assertThat(own.reading("metric.endorser_proposal_duration_count")).isPositive();
            // no previous scrape: no mean, no growth
            assertThat(own.readings()).doesNotContainKey("metric.ledger_block_processing_time_mean.channel=mychannel");
            assertThat(first.get(1).readings()).doesNotContainKey(Readings.FABRIC_PROPOSALS_ENDORSED);

            // the same peer after the orderer's restart and one more round per channel
            operations.serveMetrics(TestPeerOperations.METRICS_AFTER_ORDERER_RESTART_TX);
            List<NodeSample> second = node.pollAll(System.currentTimeMillis());
            NodeSample again = second.get(0);
            // two blocks processed in between: (0.0034641309999999996 - 0.0028691959999999996) / 2
            assertThat(again.reading("metric.ledger_block_processing_time_mean.channel=mychannel"))
                    .isCloseTo(0.00029746750, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(again.reading("metric.logging_entries_written.level=warn")).isEqualTo(99.0);
            assertThat(again.reading("metric.grpc_server_unary_requests_completed.code=Unavailable")).isEqualTo(1.0);
            // every endorsement of the capture is a _lifecycle one (a system chaincode): none counts as submitted
            assertThat(second.get(1).reading(Readings.FABRIC_PROPOSALS_ENDORSED)).isEqualTo(0.0);
            // operations readings on the node's sample only, channel readings on the channel's only
            assertThat(second.get(1).readings().keySet()).noneMatch(k -> k.startsWith(Readings.METRIC_PREFIX));
        }
    }
}
