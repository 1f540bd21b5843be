package io.chainwatch.benchmarks.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.alert.evaluate.Evaluator;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.alert.rule.threshold.ThresholdRule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;

/**
 * {@code rules-samples-per-core}: samples per second through the alert service's rule evaluation, in-process, on
 * one thread (so: per core). It drives the service's own {@link Evaluator} as the samples listener does: batches
 * of 500 samples (Kafka's default {@code max.poll.records}), each batch applied and then every rule of the chains
 * it touched evaluated. Default set-up: 100 chains × 10 nodes, polled every second (simulated time), 4 rules per
 * chain (chain_stalled, node_unreachable, threshold on peer.count, lagging by 5 blocks); every sample carries 8
 * readings; one node in 50 lags and one in 100 fails, so alerts fire and the firing paths run too.
 * Run: {@code benchmarks/run.sh alert.RulesBenchmark [seconds] [chains] [nodesPerChain]}.
 */
public final class RulesBenchmark {

    private static final String COMMAND = "benchmarks/run.sh alert.RulesBenchmark";
    private static final int BATCH = 500;

    private RulesBenchmark() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int chains = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int perChain = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long[] now = {1_800_000_000_000L};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        Evaluator evaluator = new Evaluator(clock, interval -> Math.max(3 * interval, 3000));
        List<Rule> rules = new ArrayList<>();
        List<NodeTarget> nodes = new ArrayList<>();
        UUID org = UUID.randomUUID();
        for (int c = 0; c < chains; c++) {
            UUID chain = UUID.randomUUID();
            rules.add(new ChainStalledRule(UUID.randomUUID(), org, chain, 30, "critical", List.of("ops@x.example")));
            rules.add(new NodeUnreachableRule(UUID.randomUUID(), org, chain, 30, "critical", List.of("ops@x.example")));
            rules.add(new ThresholdRule(UUID.randomUUID(), org, chain, 30, "warning", List.of("ops@x.example"),
                    Readings.PEER_COUNT, "<", 2.0, null));
            rules.add(new LaggingRule(UUID.randomUUID(), org, chain, 30, "warning", List.of("ops@x.example"), 5, null));
            for (int n = 0; n < perChain; n++) {
                NodeTarget t = new NodeTarget(UUID.randomUUID(), "node-" + c + "-" + n, org, "acme",
                        chain, "chain-" + c, "ETHEREUM", "http://127.0.0.1:1", 1000, 1, null, null, null);
                nodes.add(t);
                evaluator.target(t);
            }
        }
        System.out.printf("%d chains x %d nodes, %d rules, batches of %d, one thread%n", chains, perChain, rules.size(),
                BATCH);
        Run warm = run(evaluator, rules, nodes, now, 5_000);
        System.out.printf("warm-up: %,.0f samples/s, %d transitions%n", warm.perSecond(), warm.transitions);
        Run measured = run(evaluator, rules, nodes, now, seconds * 1000L);
        System.out.printf("measured: %,d samples in %.1f s = %,.0f samples/s on one core, %d transitions%n",
                measured.samples, measured.nanos / 1e9, measured.perSecond(), measured.transitions);
        System.out.println(String.format("| rules-samples-per-core | %.0f | samples/s | %s | `%s` |",
                measured.perSecond(), LocalDate.now(), COMMAND + (args.length > 0 ? " " + String.join(" ", args) : "")));
    }

    private record Run(long samples, long nanos, long transitions) {
        double perSecond() {
            return samples / (nanos / 1e9);
        }
    }

    /** Simulated rounds: every node polled once per simulated second, for {@code wallMs} of real time. */
    private static Run run(Evaluator evaluator, List<Rule> rules, List<NodeTarget> nodes, long[] now, long wallMs) {
        long start = System.nanoTime();
        long deadline = start + wallMs * 1_000_000L;
        long samples = 0;
        long transitions = 0;
        Set<UUID> touched = new HashSet<>();
        int inBatch = 0;
        Map<String, Double> lagging = null;
        while (System.nanoTime() < deadline) {
            now[0] += 1000;
            long round = now[0] / 1000;
            double height = round % 600 < 500 ? round : 500 * (round / 600) + 499; // stalls 100 s in every 600 s
            Map<String, Double> ok = readings(height, 25);
            lagging = readings(height - 12, 25);
            for (int i = 0; i < nodes.size(); i++) {
                NodeTarget t = nodes.get(i);
                NodeSample s;
                if (i % 100 == 7) {
                    s = new NodeSample(t.nodeId(), t.chainId(), t.orgId(), now[0], PollOutcome.REFUSED,
                            "connection refused", Map.of(), Map.of(), List.of(), null);
                } else {
                    s = new NodeSample(t.nodeId(), t.chainId(), t.orgId(), now[0], PollOutcome.OK, null,
                            i % 50 == 3 ? lagging : ok, Map.of(), List.of(), null);
                }
                evaluator.sample(s);
                touched.add(t.chainId());
                samples++;
                if (++inBatch == BATCH) {
                    transitions += evaluate(evaluator, rules, touched);
                    inBatch = 0;
                }
            }
        }
        transitions += evaluate(evaluator, rules, touched);
        return new Run(samples, System.nanoTime() - start, transitions);
    }

    private static int evaluate(Evaluator evaluator, List<Rule> rules, Set<UUID> touched) {
        List<Transition> out = evaluator.evaluate(rules, touched::contains);
        out.forEach(evaluator::applied);
        touched.clear();
        return out.size();
    }

    private static Map<String, Double> readings(double height, double peers) {
        return Map.of(Readings.BLOCK_HEIGHT, height, Readings.HEAD_AGE_SECONDS, 1.0, Readings.PEER_COUNT, peers,
                Readings.TXPOOL_PENDING, 3.0, Readings.TXPOOL_QUEUED, 0.0, Readings.RPC_LATENCY_MS, 2.5,
                Readings.BLOCK_TX_COUNT, 12.0, Readings.SYNCING, 0.0);
    }
}
