package io.chainwatch.benchmarks.collector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.local.ServiceProcess;

/**
 * One collector-service process (the runnable jar, {@code -Xmx320m -XX:+UseSerialGC}, default settings) polling 5,000
 * emulated nodes every second, publishing every sample to an embedded Kafka broker:
 * <ul>
 *   <li>{@code collector-missed-poll-pct-5k}: polls due (nodes × seconds ÷ interval) that were not started, from the
 *       collector's own counter {@code chainwatch_collector_polls_started_total} over the measured minute (node
 *       phases are spread, so the window's edges cost about 0.01 %); the run also prints the skipped ticks by reason
 *       ({@code chainwatch_collector_ticks_skipped_total}: a node's previous poll still ran, or it backed off);</li>
 *   <li>{@code collector-rss-mib-5k}: the process's resident memory at the end.</li>
 * </ul>
 * Everything (broker, responder, collector) shares the machine. Run:
 * {@code benchmarks/run.sh collector.FleetBenchmark [nodes] [measureSeconds] [warmupSeconds]}.
 */
public final class FleetBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.FleetBenchmark";

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path logs = Files.createTempDirectory("chainwatch-fleet");
        List<String> rows = new ArrayList<>();
        try (Fleet fleet = new Fleet(logs)) {
            ServiceProcess collector = fleet.startCollector();
            fleet.publishTargets(count, 1000);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (fleet.metric(collector, "chainwatch_collector_nodes", null) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the collector did not take all " + count + " nodes; see " + logs);
                }
                Thread.sleep(500);
            }
            System.out.printf("collector polls %d nodes; warming up %d s%n", count, warmupSeconds);
            Thread.sleep(warmupSeconds * 1000L);

            double started0 = fleet.metric(collector, "chainwatch_collector_polls_started_total", null);
            double busy0 = fleet.metric(collector, "chainwatch_collector_ticks_skipped_total", "reason=\"busy\"");
            double backoff0 = fleet.metric(collector, "chainwatch_collector_ticks_skipped_total", "reason=\"backoff\"");
            double ok0 = fleet.metric(collector, "chainwatch_collector_polls_total", "outcome=\"OK\"");
            double cpu0 = Rows.cpuSeconds(collector.pid());
            long t0 = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            double wall = (System.nanoTime() - t0) / 1e9;
            double started = fleet.metric(collector, "chainwatch_collector_polls_started_total", null) - started0;
            double busy = fleet.metric(collector, "chainwatch_collector_ticks_skipped_total", "reason=\"busy\"") - busy0;
            double backoff = fleet.metric(collector, "chainwatch_collector_ticks_skipped_total", "reason=\"backoff\"") - backoff0;
            double ok = fleet.metric(collector, "chainwatch_collector_polls_total", "outcome=\"OK\"") - ok0;
            double cpu = Rows.cpuSeconds(collector.pid()) - cpu0;
            double ticks = started + busy + backoff;
            double due = count * wall;
            double missedPct = 100.0 * Math.max(0, due - started) / due;
            double rss = Rows.rssMib(collector.pid());
            System.out.printf("%.1f s: %.0f polls due, %.0f started (%.3f %% missed), %.0f OK; %.0f ticks fired, %.0f"
                            + " skipped busy, %.0f backoff; collector CPU %.2f cores; RSS %.0f MiB%n",
                    wall, due, started, missedPct, ok, ticks, busy, backoff, cpu / wall, rss);
            rows.add(Rows.row("collector-missed-poll-pct-5k", missedPct, "%", COMMAND));
            rows.add(Rows.row("collector-rss-mib-5k", rss, "MiB", COMMAND));
        }
        System.out.println();
        rows.forEach(System.out::println);
    }
}
