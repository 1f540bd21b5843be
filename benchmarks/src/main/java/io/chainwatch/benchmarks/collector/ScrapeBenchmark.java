package io.chainwatch.benchmarks.collector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.benchmarks.Figures;
import io.chainwatch.collector.publish.NodeMetrics;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import static io.chainwatch.testkit.Ids.id;

/**
 * {@code collector-scrape-ms-5k}: how long one full scrape of the collector's metrics takes with 5,000 nodes, in
 * process: {@link NodeMetrics} on a {@link PrometheusMeterRegistry} (as in the service) is fed one sample per node
 * with every reading (1 % of the nodes are Fabric peers with two channels), then the registry is scraped in the
 * Prometheus text format ({@code PrometheusMeterRegistry.scrape()}, the same registry and writer as
 * {@code /actuator/prometheus}; no HTTP) and in OpenMetrics (what Prometheus asks for). Between scrapes every node gets
 * a new sample (not timed). Printed: median and p95 wall time and the scraping thread's CPU time per scrape.
 *
 * <p>Run: {@code java -cp ... io.chainwatch.benchmarks.collector.ScrapeBenchmark [nodes] [scrapes] [warmupScrapes]}.
 */
public final class ScrapeBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.ScrapeBenchmark";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private ScrapeBenchmark() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NodeMetrics metrics = new NodeMetrics(registry);
        List<NodeTarget> targets = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            boolean fabric = i % 100 == 99;
            targets.add(new NodeTarget(id("node-" + i), "node-" + i, id("org-" + (i % 50)), "org " + (i % 50),
                    id("chain-" + (i % 20)), "chain " + (i % 20), fabric ? "FABRIC" : "ETHEREUM", "http://x/" + i, 1000, 1, null, null, null));
        }
        feed(metrics, targets, 0);
        String text = registry.scrape();
        System.out.printf("%d nodes: %d Micrometer meters, text scrape %d lines, %d bytes%n", nodes,
                registry.getMeters().size(), text.lines().count(), text.length());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> textMs = new ArrayList<>();
        List<Double> textCpuMs = new ArrayList<>();
        List<Double> openMetricsMs = new ArrayList<>();
        for (int round = 0; round < warmup + scrapes; round++) {
            feed(metrics, targets, round + 1);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            String scraped = registry.scrape();
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            String openMetrics = registry.scrape(OPENMETRICS);
            long t2 = System.nanoTime();
            if (scraped.isEmpty() || openMetrics.isEmpty()) {
                throw new IllegalStateException("empty scrape");
            }
            if (round >= warmup) {
                textMs.add((t1 - t0) / 1e6);
                textCpuMs.add((cpu1 - cpu0) / 1e6);
                openMetricsMs.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf("text: median %.1f ms, p95 %.1f ms, CPU median %.1f ms; OpenMetrics: median %.1f ms, p95 %.1f ms"
                        + " (%d scrapes after %d warm-up)%n",
                Figures.percentile(textMs, 50), Figures.percentile(textMs, 95), Figures.percentile(textCpuMs, 50),
                Figures.percentile(openMetricsMs, 50), Figures.percentile(openMetricsMs, 95), scrapes, warmup);
        String command = COMMAND + " " + nodes + " " + scrapes + " " + warmup;
        System.out.println();
        System.out.println(Rows.row("collector-scrape-ms-" + (nodes / 1000) + "k", Figures.percentile(textMs, 50), "ms",
                command));
        System.out.println(Rows.row("collector-scrape-ms-" + (nodes / 1000) + "k-p95", Figures.percentile(textMs, 95),
                "ms", command));
        System.out.println(Rows.row("collector-scrape-openmetrics-ms-" + (nodes / 1000) + "k",
                Figures.percentile(openMetricsMs, 50), "ms", command));
    }

    /** One sample per node with every reading; values vary by round; a reorg now and then; Fabric channels. */
    private static void feed(NodeMetrics metrics, List<NodeTarget> targets, int round) {
        for (int i = 0; i < targets.size(); i++) {
            NodeTarget target = targets.get(i);
            Map<String, Double> readings = new HashMap<>();
            readings.put(Readings.BLOCK_HEIGHT, 19_000_000.0 + round * 10 + i % 7);
            readings.put(Readings.HEAD_AGE_SECONDS, (i % 13) / 4.0);
            readings.put(Readings.RPC_LATENCY_MS, 1.0 + i % 37);
            readings.put(Readings.TXPOOL_PENDING, (double) (i % 500));
            readings.put(Readings.TXPOOL_QUEUED, (double) (i % 11));
            readings.put(Readings.PEER_COUNT, (double) (i % 50));
            readings.put(Readings.SYNCING, 0.0);
            readings.put(Readings.BLOCK_TX_COUNT, (double) (i % 200));
            readings.put(Readings.BLOCK_GAS_USED, 14_999_872.0 + i);
            readings.put(Readings.BLOCK_GAS_LIMIT, 30_000_000.0);
            readings.put(Readings.BASE_FEE_WEI, 12_345_678_901.0 + round);
            readings.put(Readings.GAS_PRICE_WEI, 13_000_000_000.0 + i);
            readings.put(Readings.BLOCK_INTERVAL_SECONDS, 12.0 + (i % 3) / 8.0);
            readings.put(Readings.TPS, (i % 200) / 12.0);
            boolean reorg = (i + round) % 97 == 0;
            readings.put(Readings.REORG_COUNT, reorg ? 1.0 : 0.0);
            readings.put(Readings.REORG_DEPTH, reorg ? 2.0 : 0.0);
            metrics.onSample(target, sample(target, readings, null));
            if ("FABRIC".equals(target.platform())) {
                for (String channel : List.of("mychannel", "other")) {
                    metrics.onSample(target, sample(target, Map.of(Readings.BLOCK_HEIGHT, 100.0 + round,
                            Readings.FABRIC_BLOCKS, 1.0, Readings.FABRIC_TX_VALID, 9.0, Readings.FABRIC_TX_INVALID, 1.0,
                            Readings.FABRIC_COMMIT_INTERVAL_SECONDS, 2.0), channel));
                }
            }
        }
    }

    private static NodeSample sample(NodeTarget target, Map<String, Double> readings, String channel) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), 0, PollOutcome.OK, null, readings,
                Map.of(), List.of(), channel);
    }
}
