package io.chainwatch.collector.publish;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

/**
 * What users see of the per-node metrics: the exposition of a fixed set of nodes in the Prometheus text format and in
 * OpenMetrics (the format Prometheus asks for), compared with the text captured from the Micrometer-meter
 * implementation (src/test/resources/exposition/*.txt; their {@code node_id} labels since replaced by the text of the
 * nodes' ids here, {@code id("n-full")} and so on). The lines are compared as sorted sets; each metric family's HELP
 * and TYPE must be there once.
 */
class NodeMetricsExpositionTest {

    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NodeMetrics metrics = new NodeMetrics(registry);

    private static NodeTarget ethereum(UUID id, String name, String orgName, String chainName) {
        return new NodeTarget(id, name, id("org-1"), orgName, id("c1"), chainName, "ETHEREUM", "http://x", 1000, 1,
                null, null, null);
    }

    private static NodeSample sample(NodeTarget target, PollOutcome outcome, Map<String, Double> readings, String channel) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), 0, outcome, null, readings,
                Map.of(), List.of(), channel);
    }

    /** The fixed set of nodes and samples both implementations are fed. */
    static void feed(NodeMetrics metrics) {
        // every reading, large and fractional values
        NodeTarget full = ethereum(id("n-full"), "geth-1", "acme", "main");
        Map<String, Double> all = new HashMap<>();
        all.put(Readings.BLOCK_HEIGHT, 19_000_123.0);
        all.put(Readings.HEAD_AGE_SECONDS, 1.25);
        all.put(Readings.RPC_LATENCY_MS, 3.0);
        all.put(Readings.TXPOOL_PENDING, 140.0);
        all.put(Readings.TXPOOL_QUEUED, 7.0);
        all.put(Readings.PEER_COUNT, 25.0);
        all.put(Readings.SYNCING, 0.0);
        all.put(Readings.BLOCK_TX_COUNT, 180.0);
        all.put(Readings.BLOCK_GAS_USED, 14_999_872.0);
        all.put(Readings.BLOCK_GAS_LIMIT, 30_000_000.0);
        all.put(Readings.BASE_FEE_WEI, 12_345_678_901.0);
        all.put(Readings.GAS_PRICE_WEI, 1.5e20);
        all.put(Readings.BLOCK_INTERVAL_SECONDS, 12.0625);
        all.put(Readings.TPS, 0.1);
        all.put(Readings.REORG_COUNT, 0.0);
        all.put(Readings.REORG_DEPTH, 0.0);
        metrics.onSample(full, sample(full, PollOutcome.OK, all, null));

        // some readings missing (NaN), no organization or chain name (unknown), a name to escape
        NodeTarget sparse = new NodeTarget(id("n-sparse"), "besu \"a\"\\b", id("org-2"), null, id("c2"), null,
                "ETHEREUM", "http://y", 1000, 1, null, null, null);
        metrics.onSample(sparse, sample(sparse, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 42.0,
                Readings.RPC_LATENCY_MS, 12.5, Readings.PEER_COUNT, 0.0), null));

        // reorgs: two samples with reorgs, then one without; then a failed poll (down, readings NaN)
        NodeTarget reorged = ethereum(id("n-reorg"), "erigon-1", "acme", "main");
        metrics.onSample(reorged, sample(reorged, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 100.0,
                Readings.REORG_COUNT, 2.0, Readings.REORG_DEPTH, 3.0), null));
        metrics.onSample(reorged, sample(reorged, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 101.0,
                Readings.REORG_COUNT, 1.0), null));
        metrics.onSample(reorged, sample(reorged, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 102.0,
                Readings.REORG_COUNT, 0.0, Readings.REORG_DEPTH, 0.0), null));
        metrics.onSample(reorged, sample(reorged, PollOutcome.TIMEOUT, Map.of(), null));

        // a node whose names changed (an edit): only the new names show, its reorganization count goes on
        NodeTarget renamed = ethereum(id("n-renamed"), "old-name", "acme", "main");
        metrics.onSample(renamed, sample(renamed, PollOutcome.OK, Map.of(Readings.REORG_COUNT, 1.0,
                Readings.REORG_DEPTH, 1.0), null));
        NodeTarget renamedNow = ethereum(id("n-renamed"), "new-name", "acme-renamed", "main");
        metrics.onSample(renamedNow, sample(renamedNow, PollOutcome.REFUSED, Map.of(), null));

        // a node that went away
        NodeTarget gone = ethereum(id("n-gone"), "gone-1", "acme", "main");
        metrics.onSample(gone, sample(gone, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 5.0), null));
        metrics.onNodeRemoved(gone);

        // Fabric: the peer's own sample and two channels', one channel without a commit interval yet
        NodeTarget peer = new NodeTarget(id("p1"), "peer0", id("org-3"), "fab-org", id("c3"), "fab", "FABRIC", null,
                1000, 1, null, null, null);
        metrics.onSample(peer, sample(peer, PollOutcome.OK, Map.of(Readings.RPC_LATENCY_MS, 2.0,
                Readings.BLOCK_HEIGHT, 8.0), null));
        metrics.onSample(peer, sample(peer, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 8.0, Readings.FABRIC_BLOCKS,
                4.0, Readings.FABRIC_TX_VALID, 6.0, Readings.FABRIC_TX_INVALID, 1.0,
                Readings.FABRIC_COMMIT_INTERVAL_SECONDS, 5.712), "mychannel"));
        metrics.onSample(peer, sample(peer, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 8.0, Readings.FABRIC_BLOCKS,
                1.0, Readings.FABRIC_TX_VALID, 2.0), "mychannel"));
        metrics.onSample(peer, sample(peer, PollOutcome.BAD_RESPONSE, Map.of(), "other"));

        // a Fabric peer that went away, channels and all
        NodeTarget gonePeer = new NodeTarget(id("p-gone"), "peer9", id("org-3"), "fab-org", id("c3"), "fab", "FABRIC",
                null, 1000, 1, null, null, null);
        metrics.onSample(gonePeer, sample(gonePeer, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 3.0), null));
        metrics.onSample(gonePeer, sample(gonePeer, PollOutcome.OK, Map.of(Readings.BLOCK_HEIGHT, 3.0,
                Readings.FABRIC_BLOCKS, 1.0), "mychannel"));
        metrics.onNodeRemoved(gonePeer);
    }

    @Test
    void theTextFormatIsTheCapturedOne() throws IOException {
        feed(metrics);
        assertSameExposition(registry.scrape(TEXT), expected("exposition/text-0.0.4.txt"));
    }

    @Test
    void openMetricsIsTheCapturedOne() throws IOException {
        feed(metrics);
        assertSameExposition(registry.scrape(OPENMETRICS), expected("exposition/openmetrics-1.0.0.txt"));
    }

    @Test
    void noNodesNoFamilies() {
        String scrape = registry.scrape(TEXT);
        assertThat(scrape).doesNotContain("chainwatch_node_").doesNotContain("chainwatch_fabric_");
    }

    /**
     * The metadata of each family (which the protobuf format and name filters use, beyond the text formats) is what
     * Micrometer gives meters of those names and descriptions, and a counter's created time is when its series began.
     */
    @Test
    void familiesHaveMicrometersMetadataAndCountersTheirCreatedTime() {
        MockClock clock = new MockClock();
        clock.add(Duration.ofSeconds(1_700_000_000));
        PrometheusMeterRegistry micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        for (String name : NodeMetrics.GAUGE_NAMES) {
            Gauge.builder(name, () -> 1.0).register(micrometer);
        }
        for (String name : NodeMetrics.CHANNEL_GAUGE_NAMES) {
            Gauge.builder(name, () -> 1.0).register(micrometer);
        }
        Counter.builder(MetricNames.NODE_REORGS).description("Chain reorganizations seen on the node").register(micrometer);
        Counter.builder(MetricNames.FABRIC_CHANNEL_BLOCKS).description("Blocks delivered on the channel")
                .register(micrometer);
        Counter.builder(MetricNames.FABRIC_CHANNEL_TRANSACTIONS)
                .description("Transactions in the blocks delivered, by validation result").register(micrometer);
        Map<String, MetricMetadata> expected = new HashMap<>();
        micrometer.getPrometheusRegistry().scrape().forEach(s -> expected.put(s.getMetadata().getPrometheusName(),
                s.getMetadata()));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        NodeMetrics clocked = new NodeMetrics(registry);
        feed(clocked);
        List<String> families = new ArrayList<>();
        for (MetricSnapshot snapshot : clocked.collector().collect()) {
            MetricMetadata actual = snapshot.getMetadata();
            families.add(actual.getPrometheusName());
            MetricMetadata micrometers = expected.get(actual.getPrometheusName());
            assertThat(micrometers).as(actual.getPrometheusName()).isNotNull();
            assertThat(actual).usingRecursiveComparison().isEqualTo(micrometers);
            if (snapshot instanceof CounterSnapshot counter) {
                assertThat(counter.getDataPoints()).allSatisfy(point -> {
                    assertThat(point.getCreatedTimestampMillis()).isEqualTo(clock.wallTime());
                    assertThat(point.getExemplar()).isNull();
                });
            }
        }
        assertThat(families).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(clocked.collector().getPrometheusNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /** A scrape of some names ({@code ?includedNames=}) has the families Micrometer's meters of those names had. */
    @Test
    void aScrapeOfSomeNamesHasTheFamiliesMicrometerHad() {
        PrometheusMeterRegistry micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String name : NodeMetrics.GAUGE_NAMES) {
            Gauge.builder(name, () -> 1.0).tag(MetricNames.TAG_NODE_ID, "n").register(micrometer);
        }
        Counter.builder(MetricNames.NODE_REORGS).tag(MetricNames.TAG_NODE_ID, "n").register(micrometer);
        Counter.builder(MetricNames.FABRIC_CHANNEL_TRANSACTIONS).tag(MetricNames.TAG_NODE_ID, "n").register(micrometer);
        feed(metrics);
        for (Set<String> names : List.of(Set.of("chainwatch_node_up"), Set.of("chainwatch_node_reorgs_total"),
                Set.of("chainwatch_node_reorgs"), Set.of("chainwatch_node_up", "chainwatch_node_tps",
                        "chainwatch_fabric_channel_transactions"),
                Set.of("chainwatch_fabric_channel_transactions_total"))) {
            assertThat(families(registry.scrape(TEXT, names))).as(names.toString())
                    .isEqualTo(families(micrometer.scrape(TEXT, names)));
        }
        assertThat(families(registry.scrape(TEXT, Set.of("chainwatch_node_up")))).containsExactly("chainwatch_node_up");
    }

    private static List<String> families(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2])
                .filter(name -> !name.startsWith("chainwatch_collector_")).sorted().toList();
    }

    static String expected(String resource) throws IOException {
        try (InputStream in = NodeMetricsExpositionTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertSameExposition(String actual, String expected) {
        assertThat(sorted(actual)).isEqualTo(sorted(expected));
        for (String line : actual.lines().toList()) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                assertThat(actual.lines().filter(line::equals)).as(line).hasSize(1);
            }
        }
    }

    private static List<String> sorted(String exposition) {
        List<String> lines = new ArrayList<>(exposition.lines().toList());
        lines.sort(null);
        return lines;
    }
}
