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
 *       phases are spread, so the window's edges cost about 0.01 %; the counter is read from
 *       {@code /actuator/metrics} at each end, in milliseconds, not from a scrape of every node's gauges, which
 *       takes seconds at 5,000 nodes and made the window that uncertain; the uncertainty is printed); the run also
 *       prints the skipped ticks by reason
 *       ({@code chainwatch_collector_ticks_skipped_total}: a node's previous poll still ran, or it backed off);</li>
 *   <li>{@code collector-rss-mib-5k}: the process's resident memory at the end.</li>
 * </ul>
 * Everything (broker, responder, collector) shares the machine. Run:
 * {@code benchmarks/run.sh collector.FleetBenchmark [nodes] [measureSeconds] [warmupSeconds] ["jvm options"]}; the
 * collector runs with the local stack's JVM options ({@code -Xms64m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1})
 * unless the fourth argument gives others, space-separated.
 */
public final class FleetBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.FleetBenchmark";

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        // the local stack's JVM options for the collector unless a fourth argument gives others (to try heap settings)
        String options = args.length > 3 ? args[3] : null;
        List<String> jvmOptions = options == null || options.isBlank() ? ServiceProcess.COLLECTOR_JVM_OPTIONS
                : List.of(options.trim().split("\\s+"));
        Path logs = Files.createTempDirectory("chainwatch-fleet");
        List<String> rows = new ArrayList<>();
        try (Fleet fleet = new Fleet(logs)) {
            // the metrics endpoint, to read the schedule's counters one by one (see Fleet.meter)
            ServiceProcess collector = fleet.startCollector(jvmOptions,
                    "--management.endpoints.web.exposure.include=health,info,prometheus,metrics");
            System.out.println("collector JVM options: " + jvmOptions);
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
            // the first read of /actuator/metrics is slow (the endpoint's first use): not at the window's edge
            fleet.meter(collector, "chainwatch.collector.polls.started", null);
            fleet.meter(collector, "chainwatch.collector.ticks.skipped", "reason:busy");

            // the counters are read from /actuator/metrics (a few ms each) rather than from a scrape of every node's
            // gauges (seconds with 5,000 nodes, which would make the window's ends uncertain by as much); the window
            // runs from the middle of the first read to the middle of the last
            double cpu0 = Rows.cpuSeconds(collector.pid());
            long s0 = System.nanoTime();
            double started0 = fleet.meter(collector, "chainwatch.collector.polls.started", null);
            long e0 = System.nanoTime();
            double busy0 = fleet.meter(collector, "chainwatch.collector.ticks.skipped", "reason:busy");
            double backoff0 = fleet.meter(collector, "chainwatch.collector.ticks.skipped", "reason:backoff");
            double ok0 = fleet.meter(collector, "chainwatch.collector.polls", "outcome:OK");
            Thread.sleep(measureSeconds * 1000L);
            long s1 = System.nanoTime();
            double started = fleet.meter(collector, "chainwatch.collector.polls.started", null) - started0;
            long e1 = System.nanoTime();
            double busy = fleet.meter(collector, "chainwatch.collector.ticks.skipped", "reason:busy") - busy0;
            double backoff = fleet.meter(collector, "chainwatch.collector.ticks.skipped", "reason:backoff") - backoff0;
            double ok = fleet.meter(collector, "chainwatch.collector.polls", "outcome:OK") - ok0;
            double cpu = Rows.cpuSeconds(collector.pid()) - cpu0;
            double wall = ((s1 + e1) / 2.0 - (s0 + e0) / 2.0) / 1e9;
            double uncertainty = ((e0 - s0) + (e1 - s1)) / 2.0 / 1e9;
            long scrapeStart = System.nanoTime();
            String after = fleet.scrape(collector);
            System.out.printf("counter reads took %.1f and %.1f ms: the window is %.3f s ± %.3f s; a full scrape took"
                    + " %.0f ms%n", (e0 - s0) / 1e6, (e1 - s1) / 1e6, wall, uncertainty,
                    (System.nanoTime() - scrapeStart) / 1e6);
            double ticks = started + busy + backoff;
            double due = count * wall;
            double missedPct = 100.0 * Math.max(0, due - started) / due;
            double rss = Rows.rssMib(collector.pid());
            System.out.printf("%.1f s: %.0f polls due, %.0f started (%.3f %% missed), %.0f OK; %.0f ticks fired, %.0f"
                            + " skipped busy, %.0f backoff; collector CPU %.2f cores; RSS %.0f MiB%n",
                    wall, due, started, missedPct, ok, ticks, busy, backoff, cpu / wall, rss);
            System.out.printf("missed: %.3f %% ± %.3f %% (the window's uncertainty)%n", missedPct,
                    100.0 * uncertainty / wall);
            double[] latency = Fleet.values(after, "chainwatch_node_rpc_latency_ms");
            java.util.Arrays.sort(latency);
            if (latency.length > 0) {
                System.out.printf("latest poll's RPC latency over the nodes: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        latency[latency.length / 2], latency[(int) (latency.length * 0.99)], latency[latency.length - 1]);
            }
            rows.add(Rows.row("collector-missed-poll-pct-5k", missedPct, "%", COMMAND));
            rows.add(Rows.row("collector-rss-mib-5k", rss, "MiB", COMMAND));
        }
        System.out.println();
        rows.forEach(System.out::println);
    }
}
